package io.maskpipe.postgres;

import io.maskpipe.core.record.FieldPath;
import io.maskpipe.core.record.ReasonCode;
import io.maskpipe.core.record.Record;
import io.maskpipe.core.record.Rejection;

/**
 * A mapped column checked against the live table: the mapping plus the column's catalog type and nullability.
 * It turns a record into the column's text, or into a rejection naming the column and the rule.
 */
record TargetColumn(ColumnMapping mapping, ColumnType type, boolean notNull, ColumnText direct) {

    TargetColumn(ColumnMapping mapping, ColumnType type, boolean notNull) {
        this(mapping, type, notNull, mapping.value() instanceof BuiltinColumnValue builtin
                ? builtin.directOrNull(type) : null);
    }

    String name() {
        return mapping.column();
    }

    /** Returns the column's text for a record, or {@code null} for SQL NULL; throws a rejection that fits. */
    String encode(Record record) {
        String text = direct != null ? directText(record) : ValueEncoder.encode(valueOf(record), type);
        if (text == null && notNull) {
            FieldPath field = mapping.fieldOrNull();
            boolean absent = field != null && record.getOrNull(field) == null;
            throw new ColumnRejection(absent ? ReasonCode.MISSING_FIELD : ReasonCode.NULL_FIELD,
                    (absent ? "absent" : "null") + ", but the column is NOT NULL");
        }
        return text;
    }

    private String directText(Record record) {
        try {
            return direct.of(record);
        } catch (ColumnRejection e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ColumnRejection(ReasonCode.TRANSFORM_FAILED,
                    "the column value function threw " + e.getClass().getName());
        }
    }

    private Object valueOf(Record record) {
        try {
            return mapping.value().valueOf(record);
        } catch (ColumnRejection e) {
            throw e;
        } catch (RuntimeException e) {
            // A custom function's message may quote the value: keep only its class name.
            throw new ColumnRejection(ReasonCode.TRANSFORM_FAILED,
                    "the column value function threw " + e.getClass().getName());
        }
    }

    /** Wraps a column-level problem into a record rejection: {@code column "locale" varchar(32): <rule>}. */
    Rejection reject(ColumnRejection e) {
        String rule = "column " + Sql.quote(name()) + " " + type.sql() + ": " + e.rule();
        FieldPath field = mapping.fieldOrNull();
        return field == null ? Rejection.of(e.reason(), rule) : Rejection.of(e.reason(), field, rule);
    }
}
