package io.maskpipe.core;

import io.maskpipe.core.record.FieldPath;
import io.maskpipe.core.record.Outcome;
import io.maskpipe.core.record.Record;
import io.maskpipe.core.record.Value;
import java.util.function.Function;

/** Sets a field to what a user function computes from the whole record, guarded by {@link Steps#setComputed}. */
record DeriveStep(FieldPath target, Function<Record, Value> derivation) implements Transform {

    @Override
    public Outcome apply(Record record) {
        return Steps.setComputed(record, target, "derivation", () -> derivation.apply(record));
    }

    @Override
    public String toString() {
        return "derive(" + target + ")";
    }
}
