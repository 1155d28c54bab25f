package io.maskpipe.postgres;

import io.maskpipe.core.record.FieldPath;

/**
 * One mapped column as configured: its name, where its value comes from, and the type declared for it (or
 * {@code null}).
 */
record ColumnMapping(String column, ColumnValue value, ColumnType declaredType) {

    /** Returns the field the value reads, named in rejections, or {@code null}. */
    FieldPath fieldOrNull() {
        return value instanceof BuiltinColumnValue builtin ? builtin.fieldOrNull() : null;
    }

    /** Returns the type for {@code CREATE TABLE}: declared, else the built-in's own, else {@code null}. */
    ColumnType createTypeOrNull() {
        if (declaredType != null) {
            return declaredType;
        }
        String builtin = value instanceof BuiltinColumnValue b ? b.defaultTypeOrNull() : null;
        return builtin == null ? null : ColumnType.parse(column, builtin);
    }

    @Override
    public String toString() {
        return Sql.quote(column) + " <- " + value;
    }
}
