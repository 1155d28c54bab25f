package io.maskpipe.core;

import io.maskpipe.core.record.FieldPath;
import io.maskpipe.core.record.Outcome;
import io.maskpipe.core.record.ReasonCode;
import io.maskpipe.core.record.Value;
import java.util.Arrays;
import java.util.List;

/** Rejects a record whose field is absent ({@code MISSING_FIELD}) or JSON null ({@code NULL_FIELD}). */
record RequireStep(List<FieldPath> paths) implements WorkingStep {

    @Override
    public Outcome applyTo(WorkingRecord record) {
        for (FieldPath path : paths) {
            Value value = record.get(path);
            if (value == null) {
                return Steps.reject(ReasonCode.MISSING_FIELD, path, "required but absent");
            }
            if (value instanceof Value.Null) {
                return Steps.reject(ReasonCode.NULL_FIELD, path, "required but null");
            }
        }
        return null;
    }

    static RequireStep of(String... paths) {
        return new RequireStep(List.copyOf(Arrays.asList(Steps.parseAll("require", paths))));
    }

    @Override
    public String toString() {
        return "require" + paths;
    }
}
