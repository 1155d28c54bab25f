package io.maskpipe.core.internal;

import io.maskpipe.core.record.Metadata;
import io.maskpipe.core.record.Record;
import io.maskpipe.core.record.Value;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * Makes a {@link Record} around a field map without copying it, for core code that built the map itself and never
 * changes it afterwards (a chain of steps applied to one working copy). The record package installs the maker when
 * {@link Record} is loaded; nothing outside masking-core may use this (the package is not exported).
 */
public final class Records {
    private static volatile BiFunction<Map<String, Value>, Metadata, Record> maker;

    private Records() {
    }

    /**
     * Installs the maker; {@link Record} calls this once, when it is loaded.
     *
     * @param recordMaker makes a record that keeps the given map as its fields
     * @throws IllegalStateException when a maker is already installed
     */
    public static synchronized void install(BiFunction<Map<String, Value>, Metadata, Record> recordMaker) {
        if (maker != null) {
            throw new IllegalStateException("Records: the record maker is installed once, by Record");
        }
        maker = Objects.requireNonNull(recordMaker, "recordMaker");
    }

    /**
     * Returns a record whose fields are the given map itself: the caller hands the map over and must never change
     * it again, nor let anyone else reach it.
     *
     * @param fields the fields, an unmodifiable map whose changeable original only the caller holds
     * @param metadata the metadata
     * @return the record
     */
    public static Record adopt(Map<String, Value> fields, Metadata metadata) {
        BiFunction<Map<String, Value>, Metadata, Record> current = maker;
        if (current == null) {
            Record.empty(); // loads Record, which installs the maker
            current = maker;
        }
        return current.apply(Objects.requireNonNull(fields, "fields"), Objects.requireNonNull(metadata, "metadata"));
    }
}
