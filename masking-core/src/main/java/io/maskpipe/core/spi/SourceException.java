package io.maskpipe.core.spi;

/**
 * Thrown when a source could not receive or acknowledge messages.
 *
 * <p>Its {@link #kind()} tells the engine whether to retry with backoff ({@link Kind#TRANSIENT}: a throttled or
 * unreachable queue) or to stop ({@link Kind#SETUP}: a queue that does not exist, credentials refused). From
 * {@link Source#acknowledge}, {@link Kind#DATA} with {@link #failedIds()} means those deliveries alone cannot be
 * acknowledged (an expired receipt): they come back and are deduplicated. Unacknowledged messages are delivered
 * again, so nothing is lost either way.
 *
 * @since 0.1.0
 */
public class SourceException extends ConnectorException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed and where, with no value in it
     * @param kind what kind of failure it is
     * @param cause the underlying failure, or {@code null}
     */
    public SourceException(String message, Kind kind, Throwable cause) {
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
    public SourceException(String message, Kind kind, Throwable cause, java.util.Collection<String> failedIds) {
        super(message, kind, cause, java.util.Objects.requireNonNull(failedIds, "failedIds"));
    }

    /**
     * Creates the exception from a transient flag: a failure that is not transient is {@link Kind#SETUP}.
     *
     * @param message what failed and where, with no value in it
     * @param transientFailure whether the same call may succeed if tried again
     * @param cause the underlying failure, or {@code null}
     */
    public SourceException(String message, boolean transientFailure, Throwable cause) {
        super(message, transientFailure ? Kind.TRANSIENT : Kind.SETUP, cause);
    }
}
