package io.maskpipe.core.spi;

/**
 * Thrown when a sink or dead-letter destination could not store a batch; nothing of the batch was stored.
 *
 * <p>{@link #isTransient()} tells the engine whether to retry the same batch with backoff (a lost connection, a
 * deadlock) or to split it to find the record that fails for good. Messages carry SQLSTATEs, constraint and column
 * names, never bound values.
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
