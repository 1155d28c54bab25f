package io.maskpipe.benchmarks;

import io.maskpipe.core.record.Record;
import io.maskpipe.core.spi.Sink;
import io.maskpipe.core.spi.WriteResult;
import io.maskpipe.postgres.ColumnValue;
import io.maskpipe.postgres.Columns;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sink that does what the user-logins {@code PostgresSink} does with a record before it encodes a row: reads the
 * example's columns ({@code examples/LoginsDatabase}: five fields, the version as a number, the sent day) and the
 * message id, through {@link Columns}. It stores nothing and reports every record written; it counts the records
 * and the values present, so the reads cannot be optimised away. Thread-safe.
 */
final class ColumnReadingSink implements Sink {
    private static final Map<String, String> FIELDS = fields();

    private final List<ColumnValue> columns = List.of(Columns.field("user_id"), Columns.field("device_type"),
            Columns.field("ip"), Columns.field("device_id"), Columns.field("locale"),
            Columns.versionNumber("app_version"), Columns.sentDate(), Columns.messageId());
    private long records;
    private long values;

    private static Map<String, String> fields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("user_id", "user_id");
        fields.put("device_type", "device_type");
        fields.put("masked_ip", "ip");
        fields.put("masked_device_id", "device_id");
        fields.put("locale", "locale");
        fields.put("app_version", "app_version");
        fields.put("create_date", ANY_FIELD);
        return Map.copyOf(fields);
    }

    @Override
    public List<WriteResult> write(List<Record> batch) {
        List<WriteResult> results = new ArrayList<>(batch.size());
        long present = 0;
        for (Record record : batch) {
            for (ColumnValue column : columns) {
                present += column.valueOf(record) == null ? 0 : 1;
            }
            results.add(WriteResult.written());
        }
        synchronized (this) {
            records += batch.size();
            values += present;
        }
        return results;
    }

    @Override
    public Map<String, String> fieldsByColumn() {
        return FIELDS;
    }

    /** How many records were written so far. */
    synchronized long records() {
        return records;
    }

    /** How many column values were present (not null) in the records written so far. */
    synchronized long values() {
        return values;
    }
}
