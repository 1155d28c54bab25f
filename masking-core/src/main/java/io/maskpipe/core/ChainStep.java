package io.maskpipe.core;

import io.maskpipe.core.record.Outcome;
import io.maskpipe.core.record.Record;
import java.util.List;

/**
 * Applies steps in order; the first rejection stops the chain. Consecutive {@link WorkingStep}s share one
 * {@link WorkingRecord}, so they copy the record's fields once between them.
 */
record ChainStep(List<Transform> steps) implements Transform {

    @Override
    public Outcome apply(Record record) {
        Record current = record;
        WorkingRecord working = null;
        for (Transform step : steps) {
            if (step instanceof WorkingStep fieldStep) {
                if (working == null) {
                    working = new WorkingRecord(current);
                }
                Outcome rejected = fieldStep.applyTo(working);
                if (rejected != null) {
                    return rejected;
                }
                continue;
            }
            if (working != null) {
                current = working.record();
                working = null;
            }
            Outcome outcome = step.apply(current);
            if (!(outcome instanceof Outcome.Accepted accepted)) {
                return outcome;
            }
            current = accepted.record();
        }
        return Outcome.accept(working != null ? working.record() : current);
    }

    @Override
    public String toString() {
        return steps.toString();
    }
}
