package io.maskpipe.core;

import io.maskpipe.core.record.FieldPath;
import io.maskpipe.core.record.Outcome;
import io.maskpipe.core.record.Record;
import io.maskpipe.core.record.Value;
import java.util.function.UnaryOperator;

/**
 * Replaces a present, non-null field with what a user function makes of it, guarded by
 * {@link Steps#setComputed}.
 */
record ConvertStep(FieldPath path, UnaryOperator<Value> conversion) implements Transform {

    @Override
    public Outcome apply(Record record) {
        Value value = record.getOrNull(path);
        if (value == null || value instanceof Value.Null) {
            return Outcome.accept(record);
        }
        return Steps.setComputed(record, path, "conversion", () -> conversion.apply(value));
    }

    @Override
    public String toString() {
        return "convert(" + path + ")";
    }
}
