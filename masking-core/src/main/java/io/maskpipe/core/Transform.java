package io.maskpipe.core;

import io.maskpipe.core.record.Outcome;
import io.maskpipe.core.record.Record;
import java.util.Objects;

/**
 * One step applied to each record between source and sink: mask, drop, rename, require, convert.
 *
 * <p>Built-ins come from {@link Transforms}; a custom transform is a lambda. A transform that cannot proceed returns
 * {@link Outcome#reject} with a reason code and field path, never the value. Transforms are built once and called
 * from many threads, so they must be thread-safe.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface Transform {

    /**
     * Applies this step to one record.
     *
     * @param record the record so far
     * @return the record to carry on with, or a rejection
     */
    Outcome apply(Record record);

    /**
     * Returns a transform that applies this one, then {@code next} to its result; a rejection stops the chain.
     *
     * @param next the step after this one
     * @return the composed transform
     */
    default Transform andThen(Transform next) {
        Objects.requireNonNull(next, "next");
        return record -> {
            Outcome outcome = apply(record);
            return outcome instanceof Outcome.Accepted accepted ? next.apply(accepted.record()) : outcome;
        };
    }
}
