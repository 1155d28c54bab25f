package io.maskpipe.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskpipe.core.record.FieldPath;
import io.maskpipe.core.record.Metadata;
import io.maskpipe.core.record.ReasonCode;
import io.maskpipe.core.record.Record;
import io.maskpipe.core.record.Rejection;
import io.maskpipe.core.record.Value;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecordTest {
    private static final String SECRET = "198.51.100.23";

    private static Record login() {
        Map<String, Object> device = new LinkedHashMap<>();
        device.put("id", "123-45-6789");
        device.put("type", "ios");
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("user_id", "u1");
        fields.put("ip", SECRET);
        fields.put("locale", null);
        fields.put("attempts", 3);
        fields.put("trusted", true);
        fields.put("device", device);
        fields.put("items", List.of(Map.of("ip", "203.0.113.1"), Map.of("ip", "203.0.113.2")));
        return Record.of(fields).withMetadata(Metadata.of(Map.of(Metadata.MESSAGE_ID, "m-1")));
    }

    @Test
    void of_plainJavaValues_becomeTypedValues() {
        Record record = login();

        assertThat(record.get("ip")).contains(Value.of(SECRET));
        assertThat(record.get("locale")).contains(Value.nullValue());
        assertThat(record.get("attempts")).contains(Value.of(3));
        assertThat(record.get("trusted")).contains(Value.of(true));
        assertThat(record.get("device.id")).contains(Value.of("123-45-6789"));
        assertThat(record.textOrNull("items[1].ip")).isEqualTo("203.0.113.2");
        assertThat(record.fields().keySet())
                .containsExactly("user_id", "ip", "locale", "attempts", "trusted", "device", "items");
    }

    @Test
    void get_nullAndAbsent_keptApart() {
        Record record = login();

        assertThat(record.get("locale")).contains(Value.nullValue());
        assertThat(record.get("missing")).isEmpty();
        assertThat(record.get("device.missing")).isEmpty();
        assertThat(record.get("items[9].ip")).isEmpty();
        assertThat(record.get("ip.deeper")).isEmpty();
    }

    @Test
    void with_nestedPath_replacesOnlyThatValue() {
        Record original = login();

        Record changed = original.with("device.id", "masked").with(FieldPath.parse("items[0].ip"), Value.of("x"));

        assertThat(changed.textOrNull("device.id")).isEqualTo("masked");
        assertThat(changed.textOrNull("device.type")).isEqualTo("ios");
        assertThat(changed.textOrNull("items[0].ip")).isEqualTo("x");
        assertThat(changed.textOrNull("items[1].ip")).isEqualTo("203.0.113.2");
        assertThat(original.textOrNull("device.id")).isEqualTo("123-45-6789");
        assertThat(changed.metadata()).isEqualTo(original.metadata());
    }

    @Test
    void with_missingParents_createsThem() {
        Record record = Record.empty().with("geo.country.code", "FR");

        assertThat(record.textOrNull("geo.country.code")).isEqualTo("FR");
    }

    @Test
    void with_throughTextOrMissingIndex_refused() {
        Record record = login();

        assertThatThrownBy(() -> record.with("ip.part", "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("field 'ip.part': goes through a text, not a record");
        assertThatThrownBy(() -> record.with("items[5].ip", "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("field 'items[5].ip': no list element at [5]");
    }

    @Test
    void without_presentAndAbsent_removesOrReturnsSame() {
        Record record = login();

        assertThat(record.without(FieldPath.parse("device.id")).get("device.id")).isEmpty();
        assertThat(record.without(FieldPath.parse("items[0]")).textOrNull("items[0].ip")).isEqualTo("203.0.113.2");
        assertThat(record.without(FieldPath.parse("nope"))).isSameAs(record);
    }

    @Test
    void builder_afterBuild_changesDoNotReachTheRecord() {
        Record.Builder builder = Record.builder().put("a", "1");
        Record built = builder.build();

        builder.put("b", "2").remove("a");

        assertThat(built.fields().keySet()).containsExactly("a");
    }

    @Test
    void builder_builtTwice_eachRecordKeepsTheFieldsItWasBuiltWith() {
        Record.Builder builder = Record.builder().put("a", "1");
        Record first = builder.build();

        Record second = builder.put("b", "2").build();
        builder.remove("a");

        assertThat(first.fields().keySet()).containsExactly("a");
        assertThat(second.fields().keySet()).containsExactly("a", "b");
        assertThat(builder.build().fields().keySet()).containsExactly("b");
    }

    @Test
    void toBuilder_changes_doNotReachTheOriginal() {
        Record original = login();

        Record changed = original.toBuilder().put("ip", "masked").remove("locale").build();

        assertThat(original).isEqualTo(login());
        assertThat(changed.textOrNull("ip")).isEqualTo("masked");
        assertThat(changed.fields()).doesNotContainKey("locale");
        assertThat(original.toBuilder().build()).isEqualTo(original);
    }

    @Test
    void builderGet_readsWhatTheBuilderHoldsSoFar() {
        Record.Builder builder = login().toBuilder();

        builder.put("ip", "masked").remove("locale");

        assertThat(builder.get("ip")).isEqualTo(Value.of("masked"));
        assertThat(builder.get("locale")).isNull();
        assertThat(builder.get("nope")).isNull();
        assertThat(login().textOrNull("ip")).isNotEqualTo("masked");
    }

    @Test
    void equals_sameFieldsAndMetadata_equal() {
        assertThat(login()).isEqualTo(login()).hasSameHashCodeAs(login());
        assertThat(login().withMetadata(Metadata.empty())).isNotEqualTo(login());
    }

    @Test
    void toString_showsNamesNeverValues() {
        Record record = login().withMetadata(Metadata.of(Map.of(Metadata.MESSAGE_ID, SECRET)));

        assertThat(record.toString()).doesNotContain(SECRET).doesNotContain("123-45-6789")
                .isEqualTo("Record[user_id, ip, locale, attempts, trusted, device, items] Metadata[message_id]");
        assertThat(Arrays.asList(Value.of(SECRET), Value.of(new BigDecimal("7")), Value.of(true),
                record.get("items").orElseThrow()).toString())
                .isEqualTo("[Text[length=13], Number[...], Bool[...], Array[size=2]]");
    }

    @Test
    void of_unsupportedType_refusedNamingTheField() {
        assertThatThrownBy(() -> Record.of(Map.of("when", Instant.EPOCH)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("field 'when': unsupported type java.time.Instant");
        assertThatThrownBy(() -> Record.of(Map.of("x", Double.NaN)))
                .hasMessage("field 'x': not a finite number");
    }

    @Test
    void number_equalValuesWithOtherScales_equalAndSamePlainText() {
        Value.Number a = Value.of(new BigDecimal("2.50"));
        Value.Number b = Value.of(new BigDecimal("2.5"));

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a.toPlainText()).isEqualTo("2.5");
        assertThat(Value.of(new BigDecimal("1E+3")).toPlainText()).isEqualTo("1000");
        assertThat(Value.of(new BigDecimal("0.000")).toPlainText()).isEqualTo("0");
    }

    @Test
    void number_hugeExponent_keepsExponentInsteadOfMillionsOfDigits() {
        assertThat(Value.of(new BigDecimal("1E+999999999")).toPlainText()).isEqualTo("1E+999999999");
        assertThat(Value.of(new BigDecimal("1E-999999999")).toPlainText()).isEqualTo("1E-999999999");
        assertThat(Value.of(new BigDecimal("1E+1000")).toPlainText()).hasSize(1001);
    }

    @Test
    void metadata_sentTimeAndMessageId_readFromEntries() {
        Metadata metadata = Metadata.empty().with(Metadata.MESSAGE_ID, "m-1").with(Metadata.SENT_TIMESTAMP, "1000");

        assertThat(metadata.messageId()).contains("m-1");
        assertThat(metadata.sentTime()).contains(Instant.ofEpochMilli(1000));
        assertThat(metadata.with(Metadata.SENT_TIMESTAMP, "soon").sentTime()).isEmpty();
        assertThat(metadata.with("attr.email", SECRET).toString()).doesNotContain(SECRET)
                .isEqualTo("Metadata[message_id, sent_timestamp, attr.email]");
    }

    @Test
    void rejection_messageAndToString_nameFieldAndRule() {
        Rejection rejection = Rejection.of(ReasonCode.VALUE_TOO_LONG, FieldPath.parse("device_id"),
                "longer than 256 characters");

        assertThat(rejection.message()).isEqualTo("field 'device_id': longer than 256 characters");
        assertThat(rejection).hasToString("VALUE_TOO_LONG: field 'device_id': longer than 256 characters");
        assertThat(Rejection.of(ReasonCode.MALFORMED_JSON, "not valid JSON at line 1, column 3").field()).isEmpty();
        assertThatThrownBy(() -> Rejection.of(ReasonCode.MALFORMED_JSON, ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("rejection: rule must not be empty");
    }
}
