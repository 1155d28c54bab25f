package io.maskpipe.postgres;

import io.maskpipe.core.record.FieldPath;
import io.maskpipe.core.record.Metadata;
import io.maskpipe.core.record.ReasonCode;
import io.maskpipe.core.record.Record;
import io.maskpipe.core.record.Value;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * Reusable column values for {@link PostgresSink.Builder#column(String, ColumnValue)}: a field as it is, the
 * message id, when the message was sent, and a dotted version string as an order-preserving integer.
 *
 * <pre>{@code
 * PostgresSink sink = PostgresSink.into("user_logins")
 *         .dataSource(dataSource)
 *         .column("masked_ip", Columns.field("ip"))                      // the same as .column("masked_ip", "ip")
 *         .column("app_version", Columns.versionNumber("app_version"))   // "2.3.0" is 2003000, "0.96" 96000
 *         .column("create_date", Columns.sentDate())                     // the day it was sent, in UTC
 *         .column("sent_at", Columns.sentTimestamp())                    // the instant it was sent
 *         .column("message_id", Columns.messageId())                     // the queue's message id
 *         .build();
 * }</pre>
 *
 * <p>Each built-in knows what it produces, so the sink checks at {@code open()} that the live column can take it
 * (a date into an {@code integer} column fails fast), and which type {@code createTableIfMissing()} gives its
 * column. All are immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class Columns {
    private static final String VERSION_RULE = "not a version of 1 to 3 dot-separated numbers, each 0 to 999";
    static final String VERSION_NUMBER_RULE = "a version given as a JSON number must be a whole number (a major"
            + " version) written without a fraction or an exponent; send other versions as JSON text";

    private Columns() {
    }

    /**
     * Returns the value of a field as it is; an absent field or JSON null is SQL {@code NULL}.
     *
     * @param path the field's path, such as {@code ip} or {@code device.id}
     * @return the column value
     * @throws IllegalArgumentException when the path is malformed
     */
    public static ColumnValue field(String path) {
        FieldPath field = FieldPath.parse(Objects.requireNonNull(path, "path"));
        return new BuiltinColumnValue("field '" + field + "'", field, BuiltinColumnValue.Produces.ANY, null,
                record -> record.getOrNull(field));
    }

    /**
     * Returns the record's message id (metadata {@value Metadata#MESSAGE_ID}), for a text or uuid column.
     *
     * @return the column value
     */
    public static ColumnValue messageId() {
        return new BuiltinColumnValue("the message id", null, BuiltinColumnValue.Produces.TEXT, "text",
                record -> record.metadata().messageId().orElse(null));
    }

    /**
     * Returns the day, in UTC, the message was sent (metadata {@value Metadata#SENT_TIMESTAMP}), for a
     * {@code date} column; a record without a sent time is rejected.
     *
     * @return the column value
     */
    public static ColumnValue sentDate() {
        return new BuiltinColumnValue("the sent date", null, BuiltinColumnValue.Produces.DATE, "date",
                record -> LocalDate.ofInstant(sentTime(record), ZoneOffset.UTC),
                type -> type.kind() == ColumnType.Kind.DATE ? new SentDateText() : null);
    }

    /**
     * Returns the instant the message was sent (metadata {@value Metadata#SENT_TIMESTAMP}), for a
     * {@code timestamptz} column; a record without a sent time is rejected.
     *
     * @return the column value
     */
    public static ColumnValue sentTimestamp() {
        return new BuiltinColumnValue("the sent timestamp", null, BuiltinColumnValue.Produces.TIMESTAMP,
                "timestamptz", Columns::sentTime);
    }

    /**
     * Returns a dotted version string of a field as one integer, {@code major * 1_000_000 + minor * 1_000 +
     * patch}: {@code "2.3.0"} is 2_003_000 and {@code "0.96"} is 96_000.
     *
     * <p>Unlike stripping the dots (which maps "0.2.6", "0.26" and "2.6" all to 26), this keeps versions apart and
     * in order. A version has 1 to 3 parts of 1 to 3 digits each (0 to 999); anything else (more parts, a letter, a
     * part over 999) rejects the record with {@link ReasonCode#INVALID_VALUE}. A JSON number written as a whole
     * number ({@code 2}) is a major version; any other JSON number is refused the same way, since its text is lost
     * in decoding: {@code 2.10} reads as 2.1, {@code 2.0} as 2 and {@code 1e1} as 10, so none of them can be read as
     * the version its sender meant. An absent field or JSON null is SQL {@code NULL}.
     *
     * @param path the field's path, such as {@code app_version}
     * @return the column value, an integer from 0 to 999_999_999
     * @throws IllegalArgumentException when the path is malformed
     */
    public static ColumnValue versionNumber(String path) {
        FieldPath field = FieldPath.parse(Objects.requireNonNull(path, "path"));
        return new BuiltinColumnValue("a version number", field, BuiltinColumnValue.Produces.INTEGER, "integer",
                record -> versionNumberOrNull(record.getOrNull(field)),
                // integer and bigint hold every version number (0 to 999_999_999): its digits are the text
                type -> type.kind() == ColumnType.Kind.INTEGER || type.kind() == ColumnType.Kind.BIGINT
                        ? record -> {
                            Integer number = versionNumberOrNull(record.getOrNull(field));
                            return number == null ? null : Integer.toString(number);
                        } : null);
    }

    private static Integer versionNumberOrNull(Value value) {
        if (value == null || value instanceof Value.Null) {
            return null;
        } else if (value instanceof Value.Text text) {
            return versionNumberOf(text.text());
        } else if (value instanceof Value.Number number) {
            return versionNumberOf(number);
        }
        throw new ColumnRejection(ReasonCode.WRONG_TYPE, "a version must be text, not a " + value.kind());
    }

    /**
     * Returns the exception a custom {@link ColumnValue} throws to reject a record on a rule of its own.
     *
     * @param reason the reason code, such as {@link ReasonCode#INVALID_VALUE}
     * @param rule the rule broken, worded without the value (e.g. {@code "not a known country code"})
     * @return the exception to throw
     * @throws IllegalArgumentException when the rule is empty
     */
    public static RuntimeException reject(ReasonCode reason, String rule) {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(rule, "rule");
        if (rule.isEmpty()) {
            throw new IllegalArgumentException("rule must not be empty");
        }
        return new ColumnRejection(reason, rule);
    }

    /**
     * Reads a JSON number as a major version: only a whole number written without fraction or exponent, which the
     * decoder keeps at scale 0 ({@code 2}); {@code 2.10}, {@code 2.0} and {@code 1e1} are refused.
     */
    static int versionNumberOf(Value.Number number) {
        if (number.number().scale() != 0) {
            throw new ColumnRejection(ReasonCode.INVALID_VALUE, VERSION_NUMBER_RULE);
        }
        return versionNumberOf(number.toPlainText());
    }

    static int versionNumberOf(String version) {
        int result = 0;
        int parts = 0;
        int i = 0;
        while (true) {
            int start = i;
            int part = 0;
            while (i < version.length() && version.charAt(i) >= '0' && version.charAt(i) <= '9' && i - start < 4) {
                part = part * 10 + version.charAt(i++) - '0';
            }
            if (i == start || i - start > 3 || ++parts > 3) {
                throw new ColumnRejection(ReasonCode.INVALID_VALUE, VERSION_RULE);
            }
            result = result * 1000 + part;
            if (i == version.length()) {
                break;
            }
            if (version.charAt(i++) != '.' || i == version.length()) {
                throw new ColumnRejection(ReasonCode.INVALID_VALUE, VERSION_RULE);
            }
        }
        for (; parts < 3; parts++) {
            result *= 1000;
        }
        return result;
    }

    private static Instant sentTime(Record record) {
        return record.metadata().sentTime().orElseThrow(Columns::noSentTime);
    }

    static ColumnRejection noSentTime() {
        return new ColumnRejection(ReasonCode.MISSING_FIELD,
                "metadata '" + Metadata.SENT_TIMESTAMP + "' is absent or not epoch milliseconds");
    }
}
