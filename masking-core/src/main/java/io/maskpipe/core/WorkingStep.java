package io.maskpipe.core;

import io.maskpipe.core.record.Outcome;
import io.maskpipe.core.record.Record;

/**
 * A built-in step that can work on a {@link WorkingRecord}, so that a chain of such steps copies a record's fields
 * once rather than once per step ({@link ChainStep}). Applied alone, it works on a copy of its own.
 */
interface WorkingStep extends Transform {

    /**
     * Applies the step to the record being worked on.
     *
     * @param record the working record, changed in place
     * @return the rejection that stops the chain, or null to go on
     */
    Outcome applyTo(WorkingRecord record);

    @Override
    default Outcome apply(Record record) {
        WorkingRecord working = new WorkingRecord(record);
        Outcome rejected = applyTo(working);
        return rejected != null ? rejected : Outcome.accept(working.record());
    }
}
