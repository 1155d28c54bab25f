package io.maskpipe.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskpipe.core.key.Keyring;
import io.maskpipe.core.record.FieldPath;
import io.maskpipe.core.record.Outcome;
import io.maskpipe.core.record.ReasonCode;
import io.maskpipe.core.record.Record;
import io.maskpipe.core.record.Rejection;
import io.maskpipe.core.record.Value;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Blank values (empty or white space only) never become one mask shared by every blank. */
class BlankValuesTest {
    private final Keyring ring = KeyFixtures.ring();

    private static Outcome maskDeviceId(Masker masker, String deviceId) {
        return Transforms.mask("device_id", masker).apply(Record.builder().put("user_id", "u1")
                .put("device_id", deviceId).build());
    }

    private static Record accepted(Outcome outcome) {
        assertThat(outcome).isInstanceOf(Outcome.Accepted.class);
        return ((Outcome.Accepted) outcome).record();
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"", " ", "   ", "\t", "\n \r", "\u00a0", "\u2007", "\u202f", "\u0085", "\u3000",
        "\u2028", "\u001c", " \u00a0\t"})
    void isBlank_emptyOrWhiteSpaceOnly_isBlank(String text) {
        assertThat(BlankValues.isBlank(text)).isTrue();
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"a", " a ", "0", "\u200b", "\u00a0x", "-"})
    void isBlank_anyOtherCharacter_isNotBlank(String text) {
        assertThat(BlankValues.isBlank(text)).isFalse();
    }

    @Test
    void hmacDefault_blankDeviceIds_becomeNullNotOneSharedMask() {
        HmacMasker masker = HmacMasker.builder(ring).normalize(HmacMasker.Normalization.TRIM).build();

        for (String blank : new String[] {"", " ", "   ", "\t", "\u00a0"}) {
            Record out = accepted(maskDeviceId(masker, blank));
            assertThat(out.getOrNull(FieldPath.parse("device_id"))).as("'%s'", blank).isEqualTo(Value.nullValue());
            assertThat(out.textOrNull("user_id")).isEqualTo("u1");
        }
        assertThat(masker.blankValues()).isEqualTo(BlankValues.NULL);
        assertThat(accepted(maskDeviceId(masker, " dev-1 ")).textOrNull("device_id"))
                .isEqualTo(masker.mask("dev-1", "device_id"));
    }

    @Test
    void tokenizeDefault_blankValue_becomesNull() {
        Record out = accepted(maskDeviceId(Maskers.tokenize(ring), "  "));

        assertThat(out.getOrNull(FieldPath.parse("device_id"))).isEqualTo(Value.nullValue());
    }

    @Test
    void reject_blankValue_isInvalidValueNamingFieldAndRule() {
        HmacMasker masker = HmacMasker.builder(ring).blankValues(BlankValues.REJECT).build();

        for (Masker m : new Masker[] {masker, Maskers.tokenize(ring, BlankValues.REJECT)}) {
            Outcome outcome = maskDeviceId(m, " \t ");
            assertThat(outcome).isInstanceOf(Outcome.Rejected.class);
            Rejection rejection = ((Outcome.Rejected) outcome).rejection();
            assertThat(rejection.reason()).isEqualTo(ReasonCode.INVALID_VALUE);
            assertThat(rejection.field()).contains(FieldPath.parse("device_id"));
            assertThat(rejection.toString()).isEqualTo("INVALID_VALUE: field 'device_id': blank (empty or white"
                    + " space only), which this masker refuses");
        }
    }

    @Test
    void mask_explicitChoice_givesBlanksOneMaskAsBefore() {
        HmacMasker masker = HmacMasker.builder(ring).blankValues(BlankValues.MASK).build();

        assertThat(accepted(maskDeviceId(masker, "")).textOrNull("device_id"))
                .isEqualTo(masker.mask("", "device_id"));
    }

    @Test
    void customMasker_seesBlanksByDefault() {
        Set<String> seen = new HashSet<>();
        Masker custom = (value, context) -> {
            seen.add(value);
            return "[" + value.length() + "]";
        };

        assertThat(accepted(maskDeviceId(custom, " ")).textOrNull("device_id")).isEqualTo("[1]");
        assertThat(seen).containsExactly(" ");
    }

    @Test
    void builder_blankValuesTwice_failsNamingTheSetting() {
        assertThatThrownBy(() -> HmacMasker.builder(ring).blankValues(BlankValues.NULL)
                .blankValues(BlankValues.REJECT)).isInstanceOf(IllegalStateException.class)
                .hasMessage("hmac masker: blankValues already set");
    }
}
