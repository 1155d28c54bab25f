package io.maskpipe.core;

import io.maskpipe.core.record.FieldPath;
import io.maskpipe.core.record.Outcome;
import io.maskpipe.core.record.Record;
import io.maskpipe.core.record.Value;

/** Moves a field to another path, replacing what was there; an absent field is left absent. */
record RenameStep(FieldPath from, FieldPath to) implements Transform {

    @Override
    public Outcome apply(Record record) {
        Value value = record.getOrNull(from);
        if (value == null) {
            return Outcome.accept(record);
        }
        Outcome removed = Steps.remove(record, from);
        return removed instanceof Outcome.Accepted accepted ? Steps.set(accepted.record(), to, value) : removed;
    }

    @Override
    public String toString() {
        return "rename(" + from + " -> " + to + ")";
    }
}
