package io.maskpipe.core;

import io.maskpipe.core.record.Outcome;
import io.maskpipe.core.record.Record;
import java.util.List;

/** Applies steps in order; the first rejection stops the chain. */
record ChainStep(List<Transform> steps) implements Transform {

    @Override
    public Outcome apply(Record record) {
        Outcome outcome = Outcome.accept(record);
        for (Transform step : steps) {
            outcome = step.apply(((Outcome.Accepted) outcome).record());
            if (!(outcome instanceof Outcome.Accepted)) {
                return outcome;
            }
        }
        return outcome;
    }

    @Override
    public String toString() {
        return steps.toString();
    }
}
