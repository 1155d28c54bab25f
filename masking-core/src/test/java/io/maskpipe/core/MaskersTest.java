package io.maskpipe.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskpipe.doccheck.DocSnippets;
import org.junit.jupiter.api.Test;

/**
 * The built-in maskers, and the custom masker of docs/masking.md ("Writing your own masker"), whose marked region
 * the page quotes word for word.
 */
class MaskersTest {
    private static final MaskContext SSN = MaskContext.forField("ssn");

    @Test
    void keepLast_longValue_showsOnlyTheLastCharacters() {
        assertThat(Maskers.keepLast(4).mask("123-45-6789", SSN)).isEqualTo("*******6789");
    }

    @Test
    void keepFirst_longValue_showsOnlyTheFirstCharacters() {
        assertThat(Maskers.keepFirst(3).mask("123-45-6789", SSN)).isEqualTo("123********");
    }

    @Test
    void keepLast_supplementaryCharacters_countAsOneEach() {
        assertThat(Maskers.keepLast(2).mask("\uD83D\uDE00a\uD83D\uDE01b", SSN)).isEqualTo("**\uD83D\uDE01b");
        assertThat(Maskers.keepFirst(1).mask("\uD83D\uDE00ab", SSN)).isEqualTo("\uD83D\uDE00**");
    }

    @Test
    void keepLast_valueNoLongerThanTheCount_isMaskedWhole() {
        assertThat(Maskers.keepLast(4).mask("1234", SSN)).isEqualTo("****");
        assertThat(Maskers.keepFirst(4).mask("12", SSN)).isEqualTo("**");
        assertThat(Maskers.keepLast(0).mask("12", SSN)).isEqualTo("**");
    }

    @Test
    void keepLast_negativeCount_fails() {
        assertThatThrownBy(() -> Maskers.keepLast(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("keepLast: count must be zero or more, got -1");
        assertThatThrownBy(() -> Maskers.keepFirst(-2)).hasMessage("keepFirst: count must be zero or more, got -2");
    }

    @Test
    void redact_anyValue_givesTheReplacement() {
        assertThat(Maskers.redact().mask("alice", SSN)).isEqualTo("[REDACTED]");
        assertThat(Maskers.redact("").mask("alice", SSN)).isEmpty();
    }

    @Test
    void nullify_anyValue_givesNull() {
        assertThat(Maskers.nullify().mask("alice", SSN)).isNull();
    }

    @Test
    void builtIns_leaveJsonNullAlone() {
        for (Masker masker : new Masker[] {Maskers.hmac(KeyFixtures.ring()), Maskers.tokenize(KeyFixtures.ring()),
            Maskers.redact(), Maskers.keepLast(4), Maskers.keepFirst(4), Maskers.nullify()}) {
            assertThat(masker.masksNull()).as(masker.toString()).isFalse();
        }
    }

    @Test
    void docs_markedRegions_areQuotedWordForWord() {
        DocSnippets.forThisModule().assertQuoted(MaskersTest.class);
    }

    @Test
    void customMasker_lambda_masksWithItsContext() {
        // --- docs/masking.md: writing your own masker ---
        Masker emailDomainOnly = (value, context) -> {
            int at = value.lastIndexOf('@');
            return at < 0 ? "" : "*@" + value.substring(at + 1);
        };
        // --- end ---

        assertThat(emailDomainOnly.mask("alice@example.com", MaskContext.forField("email")))
                .isEqualTo("*@example.com");
    }
}
