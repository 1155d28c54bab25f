package io.maskpipe.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskpipe.core.internal.AesSiv;
import io.maskpipe.core.internal.Hkdf;
import io.maskpipe.core.key.Keyring;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class TokenizerTest {
    private final Keyring ring = KeyFixtures.ring();
    private final Tokenizer tokenizer = Maskers.tokenize(ring);

    @Test
    void mask_token_isKeyIdAndAesSivOfValueWithDomainAsTheOneAdComponent() {
        String token = tokenizer.mask("203.0.113.7", MaskContext.forField("ip"));

        byte[] subkey = Hkdf.subkey(KeyFixtures.key(1), "maskpipe/v1/aes-siv", 64);
        byte[] sealed = new AesSiv(subkey).encrypt(new byte[][] {"ip".getBytes(StandardCharsets.UTF_8)},
                "203.0.113.7".getBytes(StandardCharsets.UTF_8));
        assertThat(token).isEqualTo("k1:" + Base64.getUrlEncoder().withoutPadding().encodeToString(sealed));
    }

    @Test
    void reveal_tokenOfItsDomain_givesTheValueBack() {
        String token = tokenizer.mask("123-45-6789", MaskContext.forField("ssn"));

        assertThat(tokenizer.reveal(token, "ssn")).isEqualTo("123-45-6789");
        assertThat(tokenizer.reveal(token, MaskContext.forField("ssn"))).isEqualTo("123-45-6789");
    }

    @Test
    void reveal_emptyValueInEmptyDomain_roundTrips() {
        String token = tokenizer.mask("", MaskContext.forField("x").withDomain(""));

        assertThat(tokenizer.reveal(token, "")).isEmpty();
        assertThatThrownBy(() -> tokenizer.reveal(token, "x")).isInstanceOf(TokenException.class);
    }

    @Test
    void reveal_afterRotation_oldTokensStillRevealAndNewTokensUseThePrimary() {
        String old = tokenizer.mask("203.0.113.7", MaskContext.forField("ip"));
        Tokenizer rotated = Maskers.tokenize(Keyring.builder().key("k1", KeyFixtures.key(1)).key("k2", KeyFixtures.key(2))
                .primary("k2").build());

        String fresh = rotated.mask("203.0.113.7", MaskContext.forField("ip"));

        assertThat(rotated.reveal(old, "ip")).isEqualTo("203.0.113.7");
        assertThat(fresh).startsWith("k2:");
        assertThat(rotated.reveal(fresh, "ip")).isEqualTo("203.0.113.7");
        assertThatThrownBy(() -> tokenizer.reveal(fresh, "ip")).isInstanceOf(TokenException.class);
    }

    @Test
    void reveal_tokenOfAnotherDomain_isRefused() {
        String token = tokenizer.mask("203.0.113.7", MaskContext.forField("ip"));

        assertThatThrownBy(() -> tokenizer.reveal(token, "last_ip")).isInstanceOf(TokenException.class)
                .hasMessage("token: cannot be revealed with this key ring and domain");
    }

    @Test
    void reveal_everyBitOfEveryCharacterFlipped_isRefusedWithTheOneMessage() {
        String token = tokenizer.mask("203.0.113.7", MaskContext.forField("ip"));
        for (int i = 0; i < token.length(); i++) {
            for (int bit = 0; bit < 16; bit++) {
                char[] chars = token.toCharArray();
                chars[i] ^= (char) (1 << bit);
                String tampered = new String(chars);

                assertThatThrownBy(() -> tokenizer.reveal(tampered, "ip"))
                        .as("character %d, bit %d", i, bit).isInstanceOf(TokenException.class)
                        .hasMessage("token: cannot be revealed with this key ring and domain");
            }
        }
    }

    @Test
    void reveal_truncatedAtEveryLength_isRefused() {
        String token = tokenizer.mask("203.0.113.7", MaskContext.forField("ip"));
        for (int length = 0; length < token.length(); length++) {
            String truncated = token.substring(0, length);

            assertThatThrownBy(() -> tokenizer.reveal(truncated, "ip")).as("first %d characters", length)
                    .isInstanceOf(TokenException.class);
        }
    }

    @Test
    void reveal_unknownKeyAndOtherKeyUnderTheSameId_areRefusedAlike() {
        String token = tokenizer.mask("203.0.113.7", MaskContext.forField("ip"));
        Tokenizer otherKey = Maskers.tokenize(Keyring.of("k1", KeyFixtures.key(9)));

        assertThatThrownBy(() -> tokenizer.reveal("k9" + token.substring(2), "ip"))
                .hasMessage(TokenException.MESSAGE);
        assertThatThrownBy(() -> otherKey.reveal(token, "ip")).hasMessage(TokenException.MESSAGE);
        assertThatThrownBy(() -> tokenizer.reveal("not a token", "ip")).hasMessage(TokenException.MESSAGE);
        assertThatThrownBy(() -> tokenizer.reveal(token + "=", "ip")).hasMessage(TokenException.MESSAGE);
    }

    @Test
    void mask_unpairedSurrogate_isRefusedNamingTheRuleOnly() {
        assertThatThrownBy(() -> tokenizer.mask("\uDC00", MaskContext.forField("x")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("text: unpaired surrogate, not well-formed UTF-16");
    }

    @Test
    void mask_longValue_growsBuffersAndRoundTrips() {
        String value = "é".repeat(5000) + "\uD83D\uDE00";

        assertThat(tokenizer.reveal(tokenizer.mask(value, MaskContext.forField("x")), "x")).isEqualTo(value);
    }

    @Test
    void toString_showsKeyIdsOnly() {
        assertThat(tokenizer).hasToString("AesSivTokenizer[primary=k1, keys=[k1]]");
        assertThat(HexFormat.of().formatHex(KeyFixtures.key(1))).isNotIn(tokenizer.toString());
    }
}
