package io.maskpipe.core;

import io.maskpipe.core.record.FieldPath;
import io.maskpipe.core.record.Outcome;
import io.maskpipe.core.record.Record;
import io.maskpipe.core.record.Value;
import java.util.Arrays;
import java.util.List;

/** Keeps the listed fields (nested paths too) and the metadata; everything else goes. */
record KeepOnlyStep(List<FieldPath> paths) implements Transform {

    @Override
    public Outcome apply(Record record) {
        Record result = Record.builder().metadata(record.metadata()).build();
        for (FieldPath path : paths) {
            Value value = record.getOrNull(path);
            if (value != null) {
                Outcome outcome = Steps.set(result, path, value);
                if (!(outcome instanceof Outcome.Accepted accepted)) {
                    return outcome;
                }
                result = accepted.record();
            }
        }
        return Outcome.accept(result);
    }

    static KeepOnlyStep of(String... paths) {
        return new KeepOnlyStep(List.copyOf(Arrays.asList(Steps.parseAll("keepOnly", paths))));
    }

    @Override
    public String toString() {
        return "keepOnly" + paths;
    }
}
