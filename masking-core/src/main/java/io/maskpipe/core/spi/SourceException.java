package io.maskpipe.core.spi;

/**
 * Thrown when a source could not receive or acknowledge messages.
 *
 * <p>{@link #isTransient()} tells the engine whether to retry with backoff (a throttled or unreachable queue) or to
 * stop (a queue that does not exist, credentials refused). Unacknowledged messages are delivered again, so nothing
 * is lost either way.
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
