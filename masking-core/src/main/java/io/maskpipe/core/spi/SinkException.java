package io.maskpipe.core.spi;

/**
 * Thrown when a sink or dead-letter destination could not store a batch; nothing of the batch was stored.
 *
 * <p>Its {@link #kind()} tells the engine what to do: {@link Kind#TRANSIENT} retries the same batch with backoff (a
 * lost connection, a deadlock, a read-only database), {@link Kind#DATA} splits it to isolate and dead-letter the
 * record that is refused, {@link Kind#SETUP} stops the run (a missing table, privileges). Messages carry SQLSTATEs,
 * constraint and column names, never bound values.
 *
 * @since 0.1.0
 */
public class SinkException extends ConnectorException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed and where, with no value in it
     * @param kind what kind of failure it is
     * @param cause the underlying failure, or {@code null}
     */
    public SinkException(String message, Kind kind, Throwable cause) {
        super(message, kind, cause);
    }

    /**
     * Creates the exception for a call over several deliveries that failed for some of them only.
     *
     * @param message what failed and where, with no value in it
     * @param kind what kind of failure it is
     * @param cause the underlying failure, or {@code null}
     * @param failedIds the ids of the deliveries the call failed for; it handled the others
     */
    public SinkException(String message, Kind kind, Throwable cause, java.util.Collection<String> failedIds) {
        super(message, kind, cause, java.util.Objects.requireNonNull(failedIds, "failedIds"));
    }

    /**
     * Creates the exception from a transient flag: a failure that is not transient is {@link Kind#DATA}.
     *
     * @param message what failed and where, with no value in it
     * @param transientFailure whether the same call may succeed if tried again
     * @param cause the underlying failure, or {@code null}
     */
    public SinkException(String message, boolean transientFailure, Throwable cause) {
        super(message, transientFailure ? Kind.TRANSIENT : Kind.DATA, cause);
    }
}
