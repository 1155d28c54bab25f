package io.maskpipe.core;

import io.maskpipe.core.record.FieldPath;
import io.maskpipe.core.record.Outcome;
import io.maskpipe.core.record.Record;
import java.util.Arrays;
import java.util.List;

/** Names fields that pass unchanged, for a strict field policy; changes nothing. */
record KeepStep(List<FieldPath> paths) implements Transform {

    @Override
    public Outcome apply(Record record) {
        return Outcome.accept(record);
    }

    static KeepStep of(String... paths) {
        return new KeepStep(List.copyOf(Arrays.asList(Steps.parseAll("keep", paths))));
    }

    @Override
    public String toString() {
        return "keep" + paths;
    }
}
