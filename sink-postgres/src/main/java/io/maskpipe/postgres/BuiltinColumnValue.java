package io.maskpipe.postgres;

import io.maskpipe.core.record.FieldPath;
import io.maskpipe.core.record.Record;
import java.util.function.Function;

/**
 * A column value from {@link Columns} or a path mapping: it knows what it produces (checked against the live column
 * at open), the field it reads (named in rejections) and the type a created table gives its column.
 */
final class BuiltinColumnValue implements ColumnValue {

    /** What a built-in produces; {@link #ANY} defers every check to the row. */
    enum Produces {
        ANY, TEXT, INTEGER, DATE, TIMESTAMP;

        boolean fits(ColumnType.Kind kind) {
            return switch (this) {
                case ANY, TEXT -> true;
                case INTEGER -> kind.isText() || kind.isInteger() || kind == ColumnType.Kind.NUMERIC
                        || kind == ColumnType.Kind.JSONB;
                case DATE -> kind.isText() || kind == ColumnType.Kind.DATE || kind == ColumnType.Kind.TIMESTAMPTZ;
                case TIMESTAMP -> kind.isText() || kind == ColumnType.Kind.DATE
                        || kind == ColumnType.Kind.TIMESTAMPTZ;
            };
        }

        String noun() {
            return switch (this) {
                case ANY, TEXT -> "text";
                case INTEGER -> "an integer";
                case DATE -> "a date";
                case TIMESTAMP -> "a timestamp";
            };
        }
    }

    private final String description;
    private final FieldPath field;
    private final Produces produces;
    private final String defaultType;
    private final Function<Record, Object> function;
    private final Function<ColumnType, ColumnText> direct;

    BuiltinColumnValue(String description, FieldPath field, Produces produces, String defaultType,
            Function<Record, Object> function) {
        this(description, field, produces, defaultType, function, type -> null);
    }

    /**
     * A built-in that also knows a shorter way to some column types' text: {@code direct} gives, for a live column
     * type, a {@link ColumnText} equal in result and rejections to {@code function} followed by
     * {@link ValueEncoder}, or {@code null} to use those.
     */
    BuiltinColumnValue(String description, FieldPath field, Produces produces, String defaultType,
            Function<Record, Object> function, Function<ColumnType, ColumnText> direct) {
        this.description = description;
        this.field = field;
        this.produces = produces;
        this.defaultType = defaultType;
        this.function = function;
        this.direct = direct;
    }

    @Override
    public Object valueOf(Record record) {
        return function.apply(record);
    }

    /** Returns the shorter way to a column type's text, or {@code null} when there is none for it. */
    ColumnText directOrNull(ColumnType type) {
        return direct.apply(type);
    }

    /** Returns the field read, or {@code null} when the value comes from metadata. */
    FieldPath fieldOrNull() {
        return field;
    }

    Produces produces() {
        return produces;
    }

    /** Returns the SQL type a created table gives the column, or {@code null} when it must be declared. */
    String defaultTypeOrNull() {
        return defaultType;
    }

    @Override
    public String toString() {
        return description;
    }
}
