package io.maskpipe.core.spi;

import io.maskpipe.core.record.Rejection;
import java.util.Objects;
import java.util.Optional;

/**
 * What a {@link Sink} did with one record: written, a duplicate of one written before, or rejected with a reason.
 *
 * <p>Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class WriteResult {
    private static final WriteResult WRITTEN = new WriteResult(Status.WRITTEN, null);
    private static final WriteResult DUPLICATE = new WriteResult(Status.DUPLICATE, null);

    /** The three things a sink can do with a record. */
    public enum Status {
        /** Stored now. */
        WRITTEN,
        /** Stored before (a redelivery); nothing new was written. */
        DUPLICATE,
        /** Refused for good (a constraint, a value that does not fit). */
        REJECTED
    }

    private final Status status;
    private final Rejection rejection;

    private WriteResult(Status status, Rejection rejection) {
        this.status = status;
        this.rejection = rejection;
    }

    /**
     * Returns the result of a record stored now.
     *
     * @return the shared result
     */
    public static WriteResult written() {
        return WRITTEN;
    }

    /**
     * Returns the result of a record stored before.
     *
     * @return the shared result
     */
    public static WriteResult duplicate() {
        return DUPLICATE;
    }

    /**
     * Returns the result of a refused record.
     *
     * @param rejection why, with the column or field and no value
     * @return the result
     */
    public static WriteResult rejected(Rejection rejection) {
        return new WriteResult(Status.REJECTED, Objects.requireNonNull(rejection, "rejection"));
    }

    /**
     * Returns what happened.
     *
     * @return the status
     */
    public Status status() {
        return status;
    }

    /**
     * Returns why the record was refused.
     *
     * @return the rejection, or empty unless the status is {@link Status#REJECTED}
     */
    public Optional<Rejection> rejection() {
        return Optional.ofNullable(rejection);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WriteResult other && status == other.status
                && Objects.equals(rejection, other.rejection);
    }

    @Override
    public int hashCode() {
        return Objects.hash(status, rejection);
    }

    @Override
    public String toString() {
        return rejection == null ? status.toString() : status + "(" + rejection + ")";
    }
}
