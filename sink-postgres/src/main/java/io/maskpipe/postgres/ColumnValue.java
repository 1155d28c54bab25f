package io.maskpipe.postgres;

import io.maskpipe.core.record.Record;

/**
 * Computes one column's value from a record (its fields and its metadata), such as a masked field, the day the
 * message was sent or a version number.
 *
 * <p>Built-ins come from {@link Columns}. A custom one returns {@code null} for SQL {@code NULL}, or one of:
 * {@link String}, {@link Number} ({@code Integer}, {@code Long}, {@code BigDecimal}, ...), {@link Boolean},
 * {@link java.time.LocalDate}, {@link java.time.Instant}, {@link java.time.OffsetDateTime},
 * {@link java.util.UUID}, or a maskpipe {@link io.maskpipe.core.record.Value} (nested records and lists go into
 * {@code jsonb}). The sink converts it to the column's type and rejects the record when it does not fit. To reject
 * a record on a rule of its own, a function throws {@link Columns#reject}; any other exception also rejects the
 * record, keeping only the exception's class name, since its text may quote the value. Implementations must be
 * thread-safe.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface ColumnValue {

    /**
     * Returns the column's value for a record.
     *
     * @param record the masked record, with its metadata
     * @return the value, or {@code null} for SQL {@code NULL}
     */
    Object valueOf(Record record);
}
