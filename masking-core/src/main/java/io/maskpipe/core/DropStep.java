package io.maskpipe.core;

import io.maskpipe.core.record.FieldPath;
import io.maskpipe.core.record.Outcome;
import io.maskpipe.core.record.Record;
import java.util.Arrays;
import java.util.List;

/** Removes fields; absent ones are skipped. */
record DropStep(List<FieldPath> paths) implements Transform {

    @Override
    public Outcome apply(Record record) {
        Record result = record;
        for (FieldPath path : paths) {
            Outcome outcome = Steps.remove(result, path);
            if (!(outcome instanceof Outcome.Accepted accepted)) {
                return outcome;
            }
            result = accepted.record();
        }
        return Outcome.accept(result);
    }

    static DropStep of(String... paths) {
        return new DropStep(List.copyOf(Arrays.asList(Steps.parseAll("drop", paths))));
    }

    @Override
    public String toString() {
        return "drop" + paths;
    }
}
