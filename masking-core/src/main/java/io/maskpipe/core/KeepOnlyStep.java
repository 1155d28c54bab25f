package io.maskpipe.core;

import io.maskpipe.core.record.FieldPath;
import io.maskpipe.core.record.Outcome;
import io.maskpipe.core.record.Record;
import io.maskpipe.core.record.Value;
import java.util.Arrays;
import java.util.List;

/**
 * Keeps the listed fields (nested paths too) and the metadata; everything else goes. When every path is a top-level
 * field, the kept fields go into one builder (one map per message), which in a chain the next steps (masks) change
 * in place rather than copy; nested paths rebuild their parents field by field.
 */
record KeepOnlyStep(List<FieldPath> paths, boolean topLevelOnly) implements WorkingStep {

    KeepOnlyStep(List<FieldPath> paths) {
        this(paths, paths.stream().allMatch(FieldPath::isTopLevel));
    }

    @Override
    public Outcome applyTo(WorkingRecord record) {
        if (topLevelOnly) {
            record.keepOnly(paths);
            return null;
        }
        Outcome outcome = apply(record.record());
        if (outcome instanceof Outcome.Accepted accepted) {
            record.replace(accepted.record());
            return null;
        }
        return outcome;
    }

    @Override
    public Outcome apply(Record record) {
        if (topLevelOnly) {
            Record.Builder kept = Record.builder().metadata(record.metadata());
            for (FieldPath path : paths) {
                Value value = record.fields().get(path.root());
                if (value != null) {
                    kept.put(path.root(), value);
                }
            }
            return Outcome.accept(kept.build());
        }
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
