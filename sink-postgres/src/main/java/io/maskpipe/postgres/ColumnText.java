package io.maskpipe.postgres;

import io.maskpipe.core.record.Record;

/**
 * One column's text for a record, straight from the record: what a built-in {@link ColumnValue} offers for the
 * column types it knows a shorter way to, giving exactly the text and the rejections that {@link ColumnValue#valueOf}
 * followed by {@link ValueEncoder} would give, without the intermediate objects.
 */
@FunctionalInterface
interface ColumnText {

    /** Returns the column's text, or {@code null} for SQL NULL; throws a {@link ColumnRejection} for a bad value. */
    String of(Record record);
}
