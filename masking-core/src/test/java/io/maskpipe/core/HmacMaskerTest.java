package io.maskpipe.core;

import static io.maskpipe.core.KeyFixtures.referenceMask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskpipe.core.HmacMasker.Encoding;
import io.maskpipe.core.HmacMasker.Normalization;
import io.maskpipe.core.key.KeyId;
import io.maskpipe.core.key.Keyring;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class HmacMaskerTest {
    private final Keyring ring = KeyFixtures.ring();
    private final byte[] subkey = HmacMasker.exportSubkeyInsecure(ring, KeyId.of("k1"));

    @Test
    void mask_defaults_matchJdkMacOverFramedFieldPath() {
        String mask = Maskers.hmac(ring).mask("203.0.113.7", MaskContext.forField("ip"));

        assertThat(mask).isEqualTo(referenceMask(subkey, "k1", "ip", "203.0.113.7")).startsWith("k1:").hasSize(46);
    }

    @Test
    void mask_sameValueInTwoFields_differs() {
        HmacMasker masker = Maskers.hmac(ring);

        assertThat(masker.mask("203.0.113.7", MaskContext.forField("ip")))
                .isNotEqualTo(masker.mask("203.0.113.7", MaskContext.forField("last_ip")));
    }

    @Test
    void mask_sharedDomain_joinsTwoFields() {
        HmacMasker masker = HmacMasker.builder(ring).domain("ip").build();

        assertThat(masker.mask("203.0.113.7", MaskContext.forField("src_ip")))
                .isEqualTo(masker.mask("203.0.113.7", MaskContext.forField("dst_ip")))
                .isEqualTo(Maskers.hmac(ring).mask("203.0.113.7", "ip"));
    }

    @Test
    void mask_framing_keepsDomainAndValueApart() {
        HmacMasker masker = Maskers.hmac(ring);

        assertThat(masker.mask("bc", "a")).isNotEqualTo(masker.mask("c", "ab"));
        assertThat(masker.mask("", "")).isEqualTo(referenceMask(subkey, "k1", "", ""));
    }

    @Test
    void mask_hexTruncatedTo16_isThePrefixOfTheFullMac() {
        HmacMasker masker = HmacMasker.builder(ring).encoding(Encoding.HEX).truncateTo(16).build();
        String full = HmacMasker.builder(ring).encoding(Encoding.HEX).build().mask("x", "d");

        assertThat(masker.mask("x", "d")).hasSize(3 + 32).isEqualTo(full.substring(0, 35));
        assertThat(full.substring(3)).matches("[0-9a-f]{64}");
    }

    @Test
    void mask_newPrimaryKey_changesTheMask() {
        Keyring rotated = Keyring.builder().key("k1", KeyFixtures.key(1)).key("k2", KeyFixtures.key(2)).primary("k2")
                .build();

        String before = Maskers.hmac(ring).mask("203.0.113.7", "ip");
        String after = Maskers.hmac(rotated).mask("203.0.113.7", "ip");

        assertThat(after).startsWith("k2:").isNotEqualTo(before);
        assertThat(after.substring(3)).isNotEqualTo(before.substring(3));
    }

    @Test
    void mask_normalizations_maskEqualSpellingsEqual() {
        HmacMasker masker = HmacMasker.builder(ring)
                .normalize(Normalization.TRIM, Normalization.LOWER_CASE, Normalization.CANONICAL_IP).build();

        assertThat(masker.mask(" 2001:DB8:0:0:0:0:0:1 ", "ip")).isEqualTo(masker.mask("2001:db8::1", "ip"))
                .isEqualTo(Maskers.hmac(ring).mask("2001:db8::1", "ip"));
    }

    @Test
    void mask_canonicalIpOnNonIp_isRefusedNamingTheRuleOnly() {
        HmacMasker masker = HmacMasker.builder(ring).normalize(Normalization.CANONICAL_IP).build();

        assertThatThrownBy(() -> masker.mask("alice@example.com", "ip"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("normalization CANONICAL_IP: not an IPv4 or IPv6 address");
    }

    @Test
    void masksUnderEveryKey_rotatedRing_givesPrimaryFirstThenEachOlderKey() {
        Keyring rotated = Keyring.builder().key("k1", KeyFixtures.key(1)).key("k2", KeyFixtures.key(2)).primary("k2")
                .build();
        HmacMasker masker = HmacMasker.builder(rotated).normalize(Normalization.CANONICAL_IP).build();

        List<String> masks = masker.masksUnderEveryKey("2001:DB8::0001", "ip");

        assertThat(masks).containsExactly(
                Maskers.hmac(rotated).mask("2001:db8::1", "ip"),
                Maskers.hmac(ring).mask("2001:db8::1", "ip"));
        assertThat(masks.get(0)).startsWith("k2:");
        assertThat(masks.get(1)).startsWith("k1:").isEqualTo(referenceMask(subkey, "k1", "ip", "2001:db8::1"));
        assertThat(Maskers.hmac(ring).masksUnderEveryKey("x", "d")).containsExactly(Maskers.hmac(ring).mask("x", "d"));
        assertThatThrownBy(() -> masks.add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void masksUnderEveryKey_keepsTheMaskersSettings() {
        Keyring rotated = Keyring.builder().key("k1", KeyFixtures.key(1)).key("k2", KeyFixtures.key(2)).primary("k2")
                .build();
        HmacMasker hex16 = HmacMasker.builder(rotated).encoding(Encoding.HEX).truncateTo(16).build();

        assertThat(hex16.masksUnderEveryKey("x", "d")).hasSize(2).allMatch(m -> m.matches("k[12]:[0-9a-f]{32}"));
        assertThat(hex16.masksUnderEveryKey("x", "d").get(1))
                .isEqualTo(HmacMasker.builder(ring).encoding(Encoding.HEX).truncateTo(16).build().mask("x", "d"));
        assertThat(hex16.toString()).contains("keys=2").doesNotContain("x");
    }

    @Test
    void mask_canonicalIpInPipeline_isInvalidValueNamingFieldAndRule() {
        HmacMasker masker = HmacMasker.builder(ring).normalize(Normalization.CANONICAL_IP).build();
        String fullwidth = "\uff12\uff10\uff10\uff11:db8::\uff11"; // 2001:db8::1 in fullwidth digits

        io.maskpipe.core.record.Outcome outcome = Transforms.mask("ip", masker)
                .apply(io.maskpipe.core.record.Record.builder().put("ip", fullwidth).build());

        assertThat(outcome).isInstanceOf(io.maskpipe.core.record.Outcome.Rejected.class);
        assertThat(((io.maskpipe.core.record.Outcome.Rejected) outcome).rejection()).hasToString(
                "INVALID_VALUE: field 'ip': normalization CANONICAL_IP: not an IPv4 or IPv6 address");
    }

    @Test
    void mask_unpairedSurrogate_isRefusedNotFoldedIntoQuestionMark() {
        HmacMasker masker = Maskers.hmac(ring);

        assertThatThrownBy(() -> masker.mask("a\uD800b", "d")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("text: unpaired surrogate, not well-formed UTF-16");
        assertThat(masker.mask("a?b", "d")).isEqualTo(referenceMask(subkey, "k1", "d", "a?b"));
    }

    @Test
    void exportSubkeyInsecure_isTheHkdfSubkeyTheMasksUse() {
        assertThat(subkey).hasSize(32);
        assertThat(HexFormat.of().formatHex(subkey))
                .isEqualTo(HexFormat.of().formatHex(io.maskpipe.core.internal.Hkdf.subkey(KeyFixtures.key(1),
                        "maskpipe/v1/hmac-sha256", 32)));
    }

    @Test
    void builder_encodingTwice_fails() {
        HmacMasker.Builder builder = HmacMasker.builder(ring).encoding(Encoding.HEX);

        assertThatThrownBy(() -> builder.encoding(Encoding.HEX)).isInstanceOf(IllegalStateException.class)
                .hasMessage("hmac masker: encoding already set");
    }

    @Test
    void builder_settingsTwice_failNamingTheSetting() {
        assertThatThrownBy(() -> HmacMasker.builder(ring).truncateTo(16).truncateTo(20))
                .hasMessage("hmac masker: truncateTo already set");
        assertThatThrownBy(() -> HmacMasker.builder(ring).domain("ip").domain("ip"))
                .hasMessage("hmac masker: domain already set");
        assertThatThrownBy(() -> HmacMasker.builder(ring).normalize(Normalization.TRIM).normalize())
                .hasMessage("hmac masker: normalize already set");
    }

    @Test
    void builder_truncationBelow128Bits_fails() {
        assertThatThrownBy(() -> HmacMasker.builder(ring).truncateTo(15)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("hmac masker: truncateTo must be 16 to 32 bytes, got 15");
        assertThatThrownBy(() -> HmacMasker.builder(ring).truncateTo(33))
                .hasMessage("hmac masker: truncateTo must be 16 to 32 bytes, got 33");
    }

    @Test
    void builder_normalizationListedTwice_fails() {
        assertThatThrownBy(() -> HmacMasker.builder(ring).normalize(Normalization.TRIM, Normalization.TRIM))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("hmac masker: normalize lists TRIM twice");
    }

    @Test
    void build_thenBuilderChanged_leavesTheMaskerAlone() {
        HmacMasker.Builder builder = HmacMasker.builder(ring);
        HmacMasker masker = builder.build();
        builder.encoding(Encoding.HEX);

        assertThat(masker.mask("x", "d")).isEqualTo(referenceMask(subkey, "k1", "d", "x"));
    }

    @Test
    void toString_showsSettingsAndKeyId() {
        assertThat(HmacMasker.builder(ring).domain("ip").truncateTo(16).normalize(Normalization.TRIM).build())
                .hasToString("HmacMasker[key=k1, domain='ip', bytes=16, encoding=BASE64URL, normalize=[TRIM],"
                        + " blankValues=NULL, keys=1]");
    }
}
