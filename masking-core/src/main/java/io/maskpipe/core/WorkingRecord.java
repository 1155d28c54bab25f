package io.maskpipe.core;

import io.maskpipe.core.record.FieldPath;
import io.maskpipe.core.record.Metadata;
import io.maskpipe.core.record.Outcome;
import io.maskpipe.core.record.Record;
import io.maskpipe.core.record.Value;
import java.util.List;

/**
 * One record being changed by consecutive built-in steps ({@link WorkingStep}): top-level fields are set on one
 * {@link Record.Builder}, which copies the record's field map at the first change, and the record is built once (the
 * builder hands its map over) when a step needs it whole or the chain ends, instead of a copy of the map per step. Nested paths go through {@link Record#with}.
 * Reads see every change made so far. Not thread-safe: one message, one thread.
 */
final class WorkingRecord {
    private Record record;
    private Record.Builder fields; // the changed top level, null while unchanged since `record`

    WorkingRecord(Record record) {
        this.record = record;
    }

    Metadata metadata() {
        return record.metadata();
    }

    /** The value at a path, or null when absent, as {@link Record#getOrNull} gives it. */
    Value get(FieldPath path) {
        if (fields == null) {
            return record.getOrNull(path);
        }
        return path.isTopLevel() ? fields.get(path.root()) : record().getOrNull(path);
    }

    /** Sets the value at a path; returns the rejection when the path cannot be set, else null. */
    Outcome set(FieldPath path, Value value) {
        if (path.isTopLevel()) {
            if (fields == null) {
                fields = record.toBuilder();
            }
            fields.put(path.root(), value);
            return null;
        }
        Outcome outcome = Steps.set(record(), path, value);
        if (outcome instanceof Outcome.Accepted accepted) {
            record = accepted.record();
            return null;
        }
        return outcome;
    }

    /**
     * Keeps only the given top-level fields (and the metadata), in the given order: they go into a builder of their
     * own, which the next steps change without copying it again.
     */
    void keepOnly(List<FieldPath> topLevel) {
        Record.Builder kept = Record.builder().metadata(metadata());
        for (FieldPath path : topLevel) {
            Value value = fields != null ? fields.get(path.root()) : record.fields().get(path.root());
            if (value != null) {
                kept.put(path.root(), value);
            }
        }
        fields = kept;
    }

    /** Goes on from the given record: what a step that rebuilt the whole record returned. */
    void replace(Record replacement) {
        record = replacement;
        fields = null;
    }

    /** The record with every change so far. */
    Record record() {
        if (fields != null) {
            record = fields.build();
            fields = null;
        }
        return record;
    }
}
