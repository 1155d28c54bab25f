package io.maskpipe.core.spi;

import io.maskpipe.core.record.MaskpipeException;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Thrown by a source, a sink or a dead-letter destination when a call failed: the one base of
 * {@link SourceException} and {@link SinkException}, carrying the {@link Kind} of failure.
 *
 * <p>The adapter that sees the failure classifies it; the engine alone decides what to do about it (retry with
 * backoff, isolate a record, or end the run). Messages name the operation and the place (queue, table, SQLSTATE,
 * constraint), never a field value or a bound parameter.
 *
 * @since 0.1.0
 */
public abstract class ConnectorException extends MaskpipeException {
    private static final long serialVersionUID = 1L;

    /**
     * What kind of failure it is, decided by the adapter that saw it ({@code docs/pipeline.md} has the table).
     *
     * @since 0.1.0
     */
    public enum Kind {
        /**
         * The same call may succeed later: connection lost, failover, read-only, lock or statement timeout,
         * throttling, server shutdown, and anything unknown. The engine retries with backoff and never dead-letters.
         */
        TRANSIENT,
        /** The data of one record is refused (a value the column refuses, a constraint): isolate and dead-letter it. */
        DATA,
        /** The setup is wrong (missing table or queue, privileges, credentials, schema): the run stops. */
        SETUP
    }

    /** What kind of failure it is. */
    private final Kind kind;
    private final Set<String> failedIds;

    /**
     * Creates the exception for a call that failed as a whole.
     *
     * @param message what failed and where, with no value in it
     * @param kind what kind of failure it is
     * @param cause the underlying failure, or {@code null}
     */
    protected ConnectorException(String message, Kind kind, Throwable cause) {
        this(message, kind, cause, null);
    }

    /**
     * Creates the exception for a call over several deliveries that failed for some of them only.
     *
     * @param message what failed and where, with no value in it
     * @param kind what kind of failure it is
     * @param cause the underlying failure, or {@code null}
     * @param failedIds the ids ({@link Delivery#id()}) of the deliveries the call failed for; it handled the others.
     *     {@code null} when the call failed as a whole
     */
    protected ConnectorException(String message, Kind kind, Throwable cause, Collection<String> failedIds) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.failedIds = failedIds == null ? null : Set.copyOf(failedIds);
    }

    /**
     * Returns what kind of failure it is.
     *
     * @return the kind
     */
    public Kind kind() {
        return kind;
    }

    /**
     * Returns whether the same call may succeed if tried again.
     *
     * @return true for a {@link Kind#TRANSIENT} failure
     */
    public boolean isTransient() {
        return kind == Kind.TRANSIENT;
    }

    /**
     * Returns, for a call over several deliveries (acknowledging them, storing their dead letters) that handled
     * some of them, the ids of those it failed for: the engine retries or gives up on these alone.
     *
     * @return the failed deliveries' ids, or empty when the call failed as a whole
     */
    public Optional<Set<String>> failedIds() {
        return Optional.ofNullable(failedIds);
    }
}
