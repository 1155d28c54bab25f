package io.maskpipe.core.spi;

import io.maskpipe.core.MaskpipeException;

/**
 * Thrown when a source could not receive or acknowledge messages.
 *
 * <p>{@link #isTransient()} tells the engine whether to retry with backoff (a throttled or unreachable queue) or to
 * stop (a queue that does not exist, credentials refused). Unacknowledged messages are delivered again, so nothing
 * is lost either way.
 *
 * @since 0.1.0
 */
public class SourceException extends MaskpipeException {
    private static final long serialVersionUID = 1L;

    private final boolean transientFailure;

    /**
     * Creates the exception.
     *
     * @param message what failed and where, with no message body in it
     * @param transientFailure whether trying again may succeed
     * @param cause the underlying failure, or {@code null}
     */
    public SourceException(String message, boolean transientFailure, Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
    }

    /**
     * Returns whether trying again may succeed.
     *
     * @return true for a transient failure
     */
    public boolean isTransient() {
        return transientFailure;
    }
}
