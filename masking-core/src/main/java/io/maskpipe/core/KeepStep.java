package io.maskpipe.core;

import io.maskpipe.core.record.FieldPath;
import io.maskpipe.core.record.Outcome;
import java.util.Arrays;
import java.util.List;

/** Names fields that pass unchanged, for a strict field policy; changes nothing. */
record KeepStep(List<FieldPath> paths) implements WorkingStep {

    @Override
    public Outcome applyTo(WorkingRecord record) {
        return null;
    }

    static KeepStep of(String... paths) {
        return new KeepStep(List.copyOf(Arrays.asList(Steps.parseAll("keep", paths))));
    }

    @Override
    public String toString() {
        return "keep" + paths;
    }
}
