package io.maskpipe.fpe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskpipe.core.MaskContext;
import io.maskpipe.core.TokenException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every refusal, word for word: the field and the rule, never the value. */
class Ff1MaskersValidationTest {
    private static final MaskContext DEVICE_ID = MaskContext.forField("device_id");
    private static final MaskContext IP = MaskContext.forField("ip");

    @Test
    void digits_fiveDigits_refusedByNistMinimum() {
        assertThatThrownBy(() -> Ff1Maskers.digits(TestRings.k1()).mask("12345", DEVICE_ID))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("field 'device_id': 5 digits, at least 6 required by NIST SP 800-38G "
                        + "(radix^length >= 1,000,000)");
    }

    @Test
    void digits_empty_refusedByNistMinimum() {
        assertThatThrownBy(() -> Ff1Maskers.digits(TestRings.k1()).mask("", DEVICE_ID))
                .hasMessage("field 'device_id': 0 digits, at least 6 required by NIST SP 800-38G "
                        + "(radix^length >= 1,000,000)");
    }

    @Test
    void digits_over1024Digits_refused() {
        assertThatThrownBy(() -> Ff1Maskers.digits(TestRings.k1()).mask("7".repeat(1025), DEVICE_ID))
                .hasMessage("field 'device_id': 1025 digits, at most 1024 allowed");
    }

    @Test
    void digits_letterInside_refusedNamingThePosition() {
        assertThatThrownBy(() -> Ff1Maskers.digits(TestRings.k1()).mask("1234x6789", DEVICE_ID))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("field 'device_id': character 5 is not a digit");
    }

    @Test
    void reveal_valueOfAnotherShape_isRefusedWithThePlainMessage() {
        Ff1Masker masker = Ff1Maskers.pattern(TestRings.k1(), "NNN-NN-NNNN");
        for (String masked : new String[] {"12345", "123-45-678x", "", "123456789"}) {
            assertThatThrownBy(() -> masker.reveal(masked, DEVICE_ID))
                    .isInstanceOf(TokenException.class)
                    .hasMessage("token: cannot be revealed with this key ring and domain");
        }
    }

    @Test
    void alphabet_base36_needsFourCharacters() {
        Ff1Masker masker = Ff1Maskers.alphabet(TestRings.k1(), "0123456789abcdefghijklmnopqrstuvwxyz");

        assertThat(masker.mask("a1b2", DEVICE_ID)).hasSize(4);
        assertThatThrownBy(() -> masker.mask("a1b", DEVICE_ID))
                .hasMessage("field 'device_id': 3 characters, at least 4 required by NIST SP 800-38G "
                        + "(radix^length >= 1,000,000)");
    }

    @Test
    void alphabet_characterOutside_refused() {
        Ff1Masker masker = Ff1Maskers.alphabet(TestRings.k1(), "abcdef");

        assertThatThrownBy(() -> masker.mask("abcdefabZd", DEVICE_ID))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("field 'device_id': character 9 is not in the alphabet");
    }

    @Test
    void alphabet_oneCharacter_fails() {
        assertThatThrownBy(() -> Ff1Maskers.alphabet(TestRings.k1(), "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("alphabet: 2 to 65536 characters required by NIST SP 800-38G (radix), 1 given");
    }

    @Test
    void alphabet_repeatedCharacter_fails() {
        assertThatThrownBy(() -> Ff1Maskers.alphabet(TestRings.k1(), "abca"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("alphabet: a character appears more than once");
    }

    @Test
    void pattern_belowAMillionValues_failsAtBuild() {
        assertThatThrownBy(() -> Ff1Maskers.pattern(TestRings.k1(), "NNN-NN"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pattern 'NNN-NN': 5 variable positions, 100,000 possible values, at least "
                        + "1,000,000 required by NIST SP 800-38G (radix^length >= 1,000,000)");
    }

    @Test
    void pattern_noVariablePosition_failsAtBuild() {
        assertThatThrownBy(() -> Ff1Maskers.pattern(TestRings.k1(), "---"))
                .hasMessage("pattern '---': 0 variable positions, 1 possible values, at least 1,000,000 "
                        + "required by NIST SP 800-38G (radix^length >= 1,000,000)");
    }

    @Test
    void pattern_loneBackslashAtEnd_failsAtBuild() {
        assertThatThrownBy(() -> Ff1Maskers.pattern(TestRings.k1(), "NNNNNN\\"))
                .hasMessage("pattern 'NNNNNN\\': ends with a lone backslash");
    }

    @Test
    void pattern_exactlyAMillionValues_isAccepted() {
        assertThat(Ff1Maskers.pattern(TestRings.k1(), "NNN.NNN").mask("000.001", DEVICE_ID)).matches("\\d{3}\\.\\d{3}");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "wrong length     | 123-45-678   | field 'device_id': 10 characters, the pattern 'NNN-NN-NNNN' has 11",
        "wrong separator  | 123 45-6789  | field 'device_id': character 4 differs from the pattern 'NNN-NN-NNNN'",
        "letter for digit | 123-4x-6789  | field 'device_id': character 6 is not a digit as the pattern "
                + "'NNN-NN-NNNN' requires"})
    void pattern_valueOfAnotherShape_refused(String name, String value, String message) {
        assertThatThrownBy(() -> Ff1Maskers.pattern(TestRings.k1(), "NNN-NN-NNNN").mask(value, DEVICE_ID))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void pattern_lowercaseWhereUppercaseRequired_refused() {
        assertThatThrownBy(() -> Ff1Maskers.pattern(TestRings.k1(), "AA-NNN-AA").mask("Ab-123-CD", DEVICE_ID))
                .hasMessage("field 'device_id': character 2 is not an uppercase letter as the pattern 'AA-NNN-AA' "
                        + "requires");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "leading zero      | 192.168.01.1     | field 'ip': IPv4 part 3 has a leading zero",
        "part above 255    | 192.256.1.1      | field 'ip': IPv4 part 2 is not a number from 0 to 255",
        "four digits       | 1000.1.1.1       | field 'ip': IPv4 part 1 is not a number from 0 to 255",
        "sign              | 1.+1.1.1         | field 'ip': IPv4 part 2 is not a number from 0 to 255",
        "space             | '1.1.1.1 '       | field 'ip': IPv4 part 4 is not a number from 0 to 255",
        "empty part        | 1..1.1           | field 'ip': IPv4 part 2 is empty",
        "trailing dot      | 1.1.1.1.         | field 'ip': not an IPv4 address (four numbers 0 to 255 joined by dots "
                + "expected)",
        "three parts       | 10.0.1           | field 'ip': not an IPv4 address (four numbers 0 to 255 joined by dots "
                + "expected)",
        "five parts        | 1.2.3.4.5        | field 'ip': not an IPv4 address (four numbers 0 to 255 joined by dots "
                + "expected)",
        "too long          | 100.100.100.1000 | field 'ip': not an IPv4 address (four numbers 0 to 255 joined by dots "
                + "expected)",
        "IPv6              | ::1              | field 'ip': IPv4 part 1 is not a number from 0 to 255",
        "empty             | ''               | field 'ip': IPv4 part 1 is empty"})
    void ipv4_malformedAddress_refusedWithReason(String name, String value, String message) {
        assertThatThrownBy(() -> Ff1Maskers.ipv4(TestRings.k1()).mask(value, IP))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void factories_nullArguments_failNamingTheParameter() {
        assertThatThrownBy(() -> Ff1Maskers.digits(null)).hasMessage("ring");
        assertThatThrownBy(() -> Ff1Maskers.pattern(TestRings.k1(), null)).hasMessage("pattern");
        assertThatThrownBy(() -> Ff1Maskers.alphabet(TestRings.k1(), null)).hasMessage("alphabet");
        assertThatThrownBy(() -> Ff1Maskers.digits(TestRings.k1()).mask(null, DEVICE_ID)).hasMessage("value");
        assertThatThrownBy(() -> Ff1Maskers.digits(TestRings.k1()).mask("123456", null)).hasMessage("context");
        assertThatThrownBy(() -> Ff1Maskers.digits(TestRings.k1()).reveal("123456", (String) null))
                .hasMessage("domain");
    }
}
