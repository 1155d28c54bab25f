package io.maskpipe.core;

import static io.maskpipe.core.KeyFixtures.referenceMask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.strings;

import io.maskpipe.core.key.KeyId;
import io.maskpipe.core.key.Keyring;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Invariants of the keyed maskers over random unicode, IPv4, IPv6 and SSN-shaped values. On failure QuickTheories
 * prints the falsifying value and "Seed was ..."; rerun with {@code -DQT_SEED=<seed>} to replay it.
 */
class MaskerPropertiesTest {
    private static final Keyring RING = Keyring.builder().key("k1", KeyFixtures.key(1)).key("k2", KeyFixtures.key(2))
            .primary("k2").build();
    private static final Keyring OLD_RING = Keyring.of("k1", KeyFixtures.key(1));
    private static final byte[] SUBKEY = HmacMasker.exportSubkeyInsecure(RING, KeyId.of("k2"));
    private static final HmacMasker HMAC = Maskers.hmac(RING);
    private static final Tokenizer TOKENS = Maskers.tokenize(RING);
    private static final Tokenizer OLD_TOKENS = Maskers.tokenize(OLD_RING);

    private static List<Gen<String>> values() {
        return List.of(KeyFixtures.unicode(), KeyFixtures.ipv4(), KeyFixtures.ipv6(), KeyFixtures.ssn());
    }

    @Test
    void hmacMask_anyValue_equalsTheJdkMacReferenceAndIsDeterministic() {
        for (Gen<String> values : values()) {
            qt().withExamples(300).forAll(values, strings().basicLatinAlphabet().ofLengthBetween(0, 12))
                    .checkAssert((value, domain) -> {
                        String mask = HMAC.mask(value, domain);
                        assertThat(mask).isEqualTo(referenceMask(SUBKEY, "k2", domain, value))
                                .isEqualTo(HMAC.mask(value, domain));
                    });
        }
    }

    @Test
    void hmacMask_anyValue_differsBetweenDomains() {
        for (Gen<String> values : values()) {
            qt().withExamples(200).forAll(values)
                    .checkAssert(value -> assertThat(HMAC.mask(value, "ip")).isNotEqualTo(HMAC.mask(value, "ip2")));
        }
    }

    @Test
    void hmacMask_anyValue_changesWithRotation() {
        HmacMasker old = Maskers.hmac(OLD_RING);
        qt().withExamples(200).forAll(KeyFixtures.ipv4())
                .checkAssert(ip -> assertThat(HMAC.mask(ip, "ip").substring(3))
                        .isNotEqualTo(old.mask(ip, "ip").substring(3)));
    }

    @Test
    void hmacMaskAndToken_largeRandomSets_haveNoCollisions() {
        for (Gen<String> values : values()) {
            Set<String> seen = new HashSet<>();
            Set<String> masks = new HashSet<>();
            Set<String> tokens = new HashSet<>();
            qt().withExamples(5_000).forAll(values).checkAssert(value -> {
                if (seen.add(value)) {
                    assertThat(masks.add(HMAC.mask(value, "d"))).as("mask of a new value is new").isTrue();
                    assertThat(tokens.add(TOKENS.mask(value, MaskContext.forField("d")))).as("token is new").isTrue();
                }
            });
            assertThat(masks).hasSameSizeAs(seen);
        }
    }

    @Test
    void token_anyValue_revealsToItselfAndIsDeterministic() {
        for (Gen<String> values : values()) {
            qt().withExamples(300).forAll(values).checkAssert(value -> {
                String token = TOKENS.mask(value, MaskContext.forField("device_id"));
                assertThat(token).isEqualTo(TOKENS.mask(value, MaskContext.forField("device_id")));
                assertThat(TOKENS.reveal(token, "device_id")).isEqualTo(value);
            });
        }
    }

    @Test
    void token_ofARetiredKey_stillReveals() {
        qt().withExamples(200).forAll(KeyFixtures.ssn()).checkAssert(ssn -> {
            String old = OLD_TOKENS.mask(ssn, MaskContext.forField("ssn"));
            assertThat(TOKENS.reveal(old, "ssn")).isEqualTo(ssn);
            assertThat(TOKENS.mask(ssn, MaskContext.forField("ssn"))).startsWith("k2:").isNotEqualTo(old);
        });
    }

    @Test
    void token_anyValue_isRefusedInAnotherDomainOrWhenAnyCharacterChanges() {
        qt().withExamples(100).forAll(KeyFixtures.unicode()).checkAssert(value -> {
            String token = TOKENS.mask(value, MaskContext.forField("a"));
            assertThatThrownBy(() -> TOKENS.reveal(token, "b")).isInstanceOf(TokenException.class);
            for (int i = 3; i < token.length(); i++) {
                char replaced = token.charAt(i) == 'A' ? 'B' : 'A';
                String tampered = token.substring(0, i) + replaced + token.substring(i + 1);
                assertThatThrownBy(() -> TOKENS.reveal(tampered, "a")).isInstanceOf(TokenException.class);
            }
        });
    }
}
