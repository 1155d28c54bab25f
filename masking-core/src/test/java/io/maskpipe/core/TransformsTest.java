package io.maskpipe.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskpipe.core.record.FieldPath;
import io.maskpipe.core.record.InvalidValueException;
import io.maskpipe.core.record.Metadata;
import io.maskpipe.core.record.Outcome;
import io.maskpipe.core.record.ReasonCode;
import io.maskpipe.core.record.Record;
import io.maskpipe.core.record.Rejection;
import io.maskpipe.core.record.Value;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class TransformsTest {
    private static final String SECRET = "203.0.113.77";
    private static final Masker LENGTH = (value, context) -> "m(" + value.length() + ")";

    private static final Record LOGIN = Record.builder()
            .put("user_id", "u1").put("ip", SECRET).put("port", 8443).put("admin", true).putNull("note")
            .put("device", Record.builder().put("id", "dev-42").build())
            .put("tags", Value.of(List.of(Value.of("a"))))
            .metadata(Metadata.empty().with(Metadata.MESSAGE_ID, "msg-1"))
            .build();

    private static Record accepted(Outcome outcome) {
        assertThat(outcome).isInstanceOf(Outcome.Accepted.class);
        return ((Outcome.Accepted) outcome).record();
    }

    private static Rejection rejected(Outcome outcome) {
        assertThat(outcome).isInstanceOf(Outcome.Rejected.class);
        Rejection rejection = ((Outcome.Rejected) outcome).rejection();
        assertThat(rejection.toString()).doesNotContain(SECRET);
        return rejection;
    }

    @Test
    void mask_text_isMaskedAndContextNamesFieldDomainAndMetadata() {
        AtomicReference<MaskContext> seen = new AtomicReference<>();
        Record out = accepted(Transforms.mask("device.id", (v, c) -> {
            seen.set(c);
            return "x";
        }).apply(LOGIN));

        assertThat(out.textOrNull("device.id")).isEqualTo("x");
        assertThat(seen.get().field()).isEqualTo(FieldPath.parse("device.id"));
        assertThat(seen.get().domain()).isEqualTo("device.id");
        assertThat(seen.get().metadata().messageId()).contains("msg-1");
    }

    @Test
    void mask_sharedDomain_isPassedToMasker() {
        AtomicReference<String> domain = new AtomicReference<>();
        accepted(Transforms.mask("ip", (v, c) -> {
            domain.set(c.domain());
            return v;
        }, "ip-address").apply(LOGIN));

        assertThat(domain.get()).isEqualTo("ip-address");
    }

    @Test
    void mask_numberAndBoolean_maskedAsTheirJsonText() {
        Record out = accepted(Transforms.mask("port", LENGTH).andThen(Transforms.mask("admin", LENGTH))
                .apply(LOGIN));

        assertThat(out.textOrNull("port")).isEqualTo("m(4)");
        assertThat(out.textOrNull("admin")).isEqualTo("m(4)");
    }

    @Test
    void mask_nullOrAbsent_passesThroughUnlessMaskerMasksNull() {
        assertThat(accepted(Transforms.mask("note", LENGTH).apply(LOGIN))).isEqualTo(LOGIN);
        assertThat(accepted(Transforms.mask("missing", LENGTH).apply(LOGIN))).isEqualTo(LOGIN);

        Masker nullAware = new Masker() {
            @Override
            public String mask(String value, MaskContext context) {
                return value == null ? "none" : value;
            }

            @Override
            public boolean masksNull() {
                return true;
            }
        };
        assertThat(accepted(Transforms.mask("note", nullAware).apply(LOGIN)).textOrNull("note")).isEqualTo("none");
    }

    @Test
    void mask_listOrRecord_isRejectedAsWrongType() {
        Rejection list = rejected(Transforms.mask("tags", LENGTH).apply(LOGIN));
        Rejection record = rejected(Transforms.mask("device", LENGTH).apply(LOGIN));

        assertThat(list.toString()).isEqualTo(
                "WRONG_TYPE: field 'tags': a list cannot be masked, only text, numbers and booleans");
        assertThat(record.reason()).isEqualTo(ReasonCode.WRONG_TYPE);
    }

    @Test
    void mask_maskerThrowsWithValueInMessage_rejectedWithClassNameOnly() {
        Masker leaky = (v, c) -> {
            throw new IllegalStateException("cannot mask " + v);
        };

        Rejection rejection = rejected(Transforms.mask("ip", leaky).apply(LOGIN));

        assertThat(rejection.toString())
                .isEqualTo("MASKER_FAILED: field 'ip': masker threw java.lang.IllegalStateException");
    }

    @Test
    void mask_maskerReturnsNullForValue_setsFieldToJsonNull() {
        Record out = accepted(Transforms.mask("ip", Maskers.nullify()).apply(LOGIN));

        assertThat(out.get("ip")).contains(Value.nullValue());
    }

    @Test
    void drop_fields_removedAndAbsentSkipped() {
        Record out = accepted(Transforms.drop("ip", "device.id", "missing").apply(LOGIN));

        assertThat(out.fields()).doesNotContainKey("ip");
        assertThat(out.get("device.id")).isEmpty();
        assertThat(out.metadata()).isEqualTo(LOGIN.metadata());
    }

    @Test
    void rename_field_movedAndAbsentLeftAbsent() {
        Record out = accepted(Transforms.rename("ip", "client.ip").apply(LOGIN));

        assertThat(out.get("ip")).isEmpty();
        assertThat(out.textOrNull("client.ip")).isEqualTo(SECRET);
        assertThat(accepted(Transforms.rename("missing", "other").apply(LOGIN))).isEqualTo(LOGIN);
    }

    @Test
    void rename_intoText_rejectedAsWrongType() {
        Rejection rejection = rejected(Transforms.rename("ip", "user_id.ip").apply(LOGIN));

        assertThat(rejection.reason()).isEqualTo(ReasonCode.WRONG_TYPE);
        assertThat(rejection.field()).contains(FieldPath.parse("user_id.ip"));
    }

    @Test
    void keepOnly_paths_keepsThoseAndMetadata() {
        Record out = accepted(Transforms.keepOnly("user_id", "device.id").apply(LOGIN));

        assertThat(out.fields().keySet()).containsExactly("user_id", "device");
        assertThat(out.textOrNull("device.id")).isEqualTo("dev-42");
        assertThat(out.metadata()).isEqualTo(LOGIN.metadata());
    }

    @Test
    void require_absentOrNull_rejectedWithTheirCodes() {
        assertThat(rejected(Transforms.require("ip", "email").apply(LOGIN)).toString())
                .isEqualTo("MISSING_FIELD: field 'email': required but absent");
        assertThat(rejected(Transforms.require("note").apply(LOGIN)).toString())
                .isEqualTo("NULL_FIELD: field 'note': required but null");
        assertThat(accepted(Transforms.require("ip", "device.id").apply(LOGIN))).isEqualTo(LOGIN);
    }

    @Test
    void maxLength_longerText_rejectedWithoutValue() {
        assertThat(rejected(Transforms.maxLength("ip", 5).apply(LOGIN)).toString())
                .isEqualTo("VALUE_TOO_LONG: field 'ip': longer than 5 characters");
        assertThat(accepted(Transforms.maxLength("ip", SECRET.length()).apply(LOGIN))).isEqualTo(LOGIN);
    }

    @Test
    void maxLength_countsCodePoints_notUtf16Units() {
        Record emoji = Record.builder().put("name", "\uD83D\uDE00\uD83D\uDE00").build();

        assertThat(accepted(Transforms.maxLength("name", 2).apply(emoji))).isEqualTo(emoji);
    }

    @Test
    void convert_parsesVersion_replacesValue() {
        Transform major = Transforms.convert("app_version", v -> {
            String text = ((Value.Text) v).text();
            if (!text.matches("\\d+\\.\\d+\\.\\d+")) {
                throw new InvalidValueException("not a semantic version");
            }
            return Value.of(Long.parseLong(text.substring(0, text.indexOf('.'))));
        });

        Record out = accepted(major.apply(Record.of(Map.of("app_version", "3.1.4"))));
        Rejection bad = rejected(major.apply(Record.of(Map.of("app_version", SECRET + "-beta"))));

        assertThat(out.get("app_version")).contains(Value.of(BigDecimal.valueOf(3)));
        assertThat(bad.toString()).isEqualTo("INVALID_VALUE: field 'app_version': not a semantic version");
    }

    @Test
    void convert_functionThrowsOrSaysNo_rejectedWithoutMessage() {
        Transform throwing = Transforms.convert("ip", v -> {
            throw new NumberFormatException("For input string: " + SECRET);
        });

        assertThat(rejected(throwing.apply(LOGIN)).toString())
                .isEqualTo("TRANSFORM_FAILED: field 'ip': conversion threw java.lang.NumberFormatException");
        assertThat(rejected(Transforms.convert("ip", v -> null).apply(LOGIN)).toString())
                .isEqualTo("INVALID_VALUE: field 'ip': conversion gave no value");
    }

    @Test
    void derive_fromRecordAndMetadata_setsTarget() {
        Record out = accepted(Transforms.derive("source.message", r -> Value.of(r.metadata().messageId()
                .orElseThrow())).apply(LOGIN));

        assertThat(out.textOrNull("source.message")).isEqualTo("msg-1");
    }

    @Test
    void derive_functionThrows_rejectedNamingTarget() {
        Transform failing = Transforms.derive("country", r -> {
            throw new IllegalArgumentException(r.textOrNull("ip"));
        });

        assertThat(rejected(failing.apply(LOGIN)).toString())
                .isEqualTo("TRANSFORM_FAILED: field 'country': derivation threw java.lang.IllegalArgumentException");
    }

    @Test
    void chain_steps_appliedInOrderAndFirstRejectionStops() {
        Transform chain = Transforms.chain(List.of(Transforms.rename("ip", "client_ip"),
                Transforms.mask("client_ip", LENGTH), Transforms.require("email"), Transforms.drop("user_id")));

        Rejection rejection = rejected(chain.apply(LOGIN));

        assertThat(rejection.reason()).isEqualTo(ReasonCode.MISSING_FIELD);
        assertThat(accepted(Transforms.chain(List.of(Transforms.rename("ip", "client_ip"),
                Transforms.mask("client_ip", LENGTH))).apply(LOGIN)).textOrNull("client_ip")).isEqualTo("m(12)");
    }

    @Test
    void chain_customTransformThrowsOrReturnsNull_rejectedAsTransformFailed() {
        Transform throwing = r -> {
            throw new UnsupportedOperationException(SECRET);
        };

        assertThat(rejected(Transforms.chain(List.of(throwing)).apply(LOGIN)).toString())
                .isEqualTo("TRANSFORM_FAILED: transform threw java.lang.UnsupportedOperationException");
        assertThat(rejected(Transforms.chain(List.of(r -> null)).apply(LOGIN)).toString())
                .isEqualTo("TRANSFORM_FAILED: transform returned no outcome");
    }

    @Test
    void factories_badArguments_failAtOnce() {
        assertThatThrownBy(() -> Transforms.drop()).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("drop: needs at least one field path");
        assertThatThrownBy(() -> Transforms.maxLength("ip", 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxLength: maxCharacters must be at least 1, was 0");
        assertThatThrownBy(() -> Transforms.mask("a..b", LENGTH)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Transforms.mask("ip", null)).isInstanceOf(NullPointerException.class)
                .hasMessage("masker");
    }

    @Test
    void toString_namesStepsAndPaths_neverValues() {
        assertThat(Transforms.mask("ip", LENGTH, "addr")).hasToString("mask(ip, domain addr)");
        assertThat(Transforms.drop("a", "b.c")).hasToString("drop[a, b.c]");
    }
}
