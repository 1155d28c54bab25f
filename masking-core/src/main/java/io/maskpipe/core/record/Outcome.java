package io.maskpipe.core.record;

import java.util.Objects;

/**
 * What a step ({@code io.maskpipe.core.Transform}) made of a record: the record to carry on with, or the rejection that stops it.
 *
 * <p>Returning a rejection instead of throwing keeps one bad message from stopping a pipeline.
 *
 * @since 0.1.0
 */
public sealed interface Outcome permits Outcome.Accepted, Outcome.Rejected {

    /**
     * Returns an outcome that carries on with a record.
     *
     * @param record the record
     * @return the outcome
     */
    static Outcome accept(Record record) {
        return new Accepted(record);
    }

    /**
     * Returns an outcome that rejects the message.
     *
     * @param rejection why
     * @return the outcome
     */
    static Outcome reject(Rejection rejection) {
        return new Rejected(rejection);
    }

    /**
     * The record goes on to the next step.
     *
     * @param record the record
     */
    record Accepted(Record record) implements Outcome {
        /**
         * Checks the component.
         *
         * @param record the record
         */
        public Accepted {
            Objects.requireNonNull(record, "record");
        }
    }

    /**
     * The message stops here.
     *
     * @param rejection why
     */
    record Rejected(Rejection rejection) implements Outcome {
        /**
         * Checks the component.
         *
         * @param rejection why
         */
        public Rejected {
            Objects.requireNonNull(rejection, "rejection");
        }
    }
}
