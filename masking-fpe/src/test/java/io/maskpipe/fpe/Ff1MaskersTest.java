package io.maskpipe.fpe;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskpipe.core.MaskContext;
import io.maskpipe.core.key.Keyring;
import io.maskpipe.doccheck.DocSnippets;
import org.junit.jupiter.api.Test;

/**
 * The maskers used as the docs use them: the marked region is quoted word for word by the quick start of
 * {@code docs/fpe.md} and by {@link Ff1Maskers}'s javadoc, which {@link #docs_markedRegion_isQuotedWordForWord} and
 * {@link #javadocExamples_everyBlock_isCopiedFromAMarkedRegion} check.
 */
class Ff1MaskersTest {
    private static final MaskContext DEVICE_ID = MaskContext.forField("device_id");
    private static final MaskContext IP = MaskContext.forField("ip");
    private static final DocSnippets DOCS = DocSnippets.forThisModule();

    @Test
    void docs_markedRegion_isQuotedWordForWord() {
        DOCS.assertQuoted(Ff1MaskersTest.class);
    }

    @Test
    void javadocExamples_everyBlock_isCopiedFromAMarkedRegion() {
        DOCS.assertJavadocExamplesQuoted(Ff1Maskers.class);
    }

    @Test
    void pattern_deviceId_masksDigitsKeepsDashesAndReveals() {
        Keyring ring = TestRings.k1();
        // --- docs/fpe.md, masking-fpe/src/main/java/io/maskpipe/fpe/Ff1Maskers.java: pattern ---
        Ff1Masker deviceIds = Ff1Maskers.pattern(ring, "NNN-NN-NNNN");
        String masked = deviceIds.mask("123-45-6789", MaskContext.forField("device_id"));  // "591-46-6718"
        String original = deviceIds.reveal(masked, MaskContext.forField("device_id"));     // "123-45-6789"
        // --- end ---

        assertThat(masked).isEqualTo("591-46-6718");
        assertThat(original).isEqualTo("123-45-6789");
    }

    @Test
    void pattern_allDigits_isPlainFf1OverTheDigits() {
        String digits = Ff1Maskers.digits(TestRings.k1()).mask("123456789", DEVICE_ID);
        String pattern = Ff1Maskers.pattern(TestRings.k1(), "NNN-NN-NNNN").mask("123-45-6789", DEVICE_ID);

        assertThat(pattern.replace("-", "")).isEqualTo(digits).isEqualTo("591466718");
    }

    @Test
    void ipv4_address_masksToAnotherAddressAndReveals() {
        Ff1Masker ips = Ff1Maskers.ipv4(TestRings.k1());

        assertThat(ips.mask("192.168.1.20", IP)).isEqualTo("129.194.86.6");
        assertThat(ips.mask("10.0.0.1", IP)).isEqualTo("206.186.38.196");
        assertThat(ips.reveal("129.194.86.6", IP)).isEqualTo("192.168.1.20");
    }

    @Test
    void ipv4_edgesOfTheAddressSpace_roundTrip() {
        Ff1Masker ips = Ff1Maskers.ipv4(TestRings.k1());
        for (String address : new String[] {"0.0.0.0", "255.255.255.255", "127.0.0.1", "1.2.3.4"}) {
            assertThat(ips.reveal(ips.mask(address, IP), IP)).as(address).isEqualTo(address);
        }
    }

    @Test
    void pattern_lettersAndDigitsMixed_keepsEachPositionsKind() {
        Ff1Masker plates = Ff1Maskers.pattern(TestRings.k1(), "AA-NNN-AA");
        MaskContext plate = MaskContext.forField("plate");

        assertThat(plates.mask("AB-123-CD", plate)).isEqualTo("GN-178-ET");
        assertThat(plates.reveal("GN-178-ET", plate)).isEqualTo("AB-123-CD");
    }

    @Test
    void pattern_escapedPatternLetter_isLiteral() {
        Ff1Masker masker = Ff1Maskers.pattern(TestRings.k1(), "\\N\\A-NNNNNN-a");
        MaskContext field = MaskContext.forField("ref");

        String masked = masker.mask("NA-123456-x", field);

        assertThat(masked).matches("NA-[0-9]{6}-[a-z]");
        assertThat(masker.reveal(masked, field)).isEqualTo("NA-123456-x");
    }

    @Test
    void alphabet_base36_staysInTheAlphabetAndReveals() {
        Ff1Masker codes = Ff1Maskers.alphabet(TestRings.k1(), "0123456789abcdefghijklmnopqrstuvwxyz");
        MaskContext code = MaskContext.forField("code");

        assertThat(codes.mask("abc123xyz", code)).isEqualTo("ms3qnw084");
        assertThat(codes.reveal("ms3qnw084", code)).isEqualTo("abc123xyz");
    }

    @Test
    void alphabet_beyondAsciiAndAbove256_roundTrips() {
        StringBuilder alphabet = new StringBuilder();
        alphabet.appendCodePoint(0x1F600);
        for (char c = 0x4E00; c < 0x4E00 + 299; c++) {
            alphabet.append(c);
        }
        Ff1Masker masker = Ff1Maskers.alphabet(TestRings.k1(), alphabet.toString());
        MaskContext field = MaskContext.forField("name");
        String value = new StringBuilder().appendCodePoint(0x1F600).append("\u4E01\u4E02\u4E03").toString();

        String masked = masker.mask(value, field);

        assertThat(masked.codePoints()).hasSize(4).allMatch(cp -> alphabet.indexOf(Character.toString(cp)) >= 0);
        assertThat(masker.reveal(masked, field)).isEqualTo(value);
    }

    @Test
    void digits_leadingZeros_areKeptAsDigits() {
        Ff1Masker masker = Ff1Maskers.digits(TestRings.k1());

        String masked = masker.mask("000000", DEVICE_ID);

        assertThat(masked).hasSize(6).containsOnlyDigits();
        assertThat(masker.reveal(masked, DEVICE_ID)).isEqualTo("000000");
    }

    @Test
    void mask_sharedDomain_joinsTwoFields() {
        Ff1Masker masker = Ff1Maskers.digits(TestRings.k1());
        MaskContext sender = MaskContext.forField("sender_id").withDomain("account");
        MaskContext receiver = MaskContext.forField("receiver_id").withDomain("account");

        assertThat(masker.mask("123456789", sender)).isEqualTo(masker.mask("123456789", receiver));
        assertThat(masker.mask("123456789", MaskContext.forField("sender_id")))
                .isNotEqualTo(masker.mask("123456789", MaskContext.forField("receiver_id")));
    }

    @Test
    void toString_showsFormatAndKeyIdOnly() {
        assertThat(Ff1Maskers.pattern(TestRings.k1(), "NNN-NN-NNNN"))
                .hasToString("Ff1Masker[pattern NNN-NN-NNNN, key=k1]");
        assertThat(Ff1Maskers.digits(TestRings.k1())).hasToString("Ff1Masker[digits, key=k1]");
        assertThat(Ff1Maskers.ipv4(TestRings.rotated())).hasToString("Ff1Masker[ipv4, key=k2]");
        assertThat(Ff1Maskers.alphabet(TestRings.k1(), "01"))
                .hasToString("Ff1Masker[alphabet of 2 characters, key=k1]");
    }
}
