package io.maskpipe.core.spi;

import io.maskpipe.core.MaskpipeException;

/**
 * Thrown when a sink or dead-letter destination could not store a batch; nothing of the batch was stored.
 *
 * <p>{@link #isTransient()} tells the engine whether to retry the same batch with backoff (a lost connection, a
 * deadlock) or to split it to find the record that fails for good. Messages carry SQLSTATEs, constraint and column
 * names, never bound values.
 *
 * @since 0.1.0
 */
public class SinkException extends MaskpipeException {
    private static final long serialVersionUID = 1L;

    private final boolean transientFailure;

    /**
     * Creates the exception.
     *
     * @param message what failed and where, with no value in it
     * @param transientFailure whether the same batch may succeed if tried again
     * @param cause the underlying failure, or {@code null}
     */
    public SinkException(String message, boolean transientFailure, Throwable cause) {
        super(message, cause);
        this.transientFailure = transientFailure;
    }

    /**
     * Returns whether the same batch may succeed if tried again.
     *
     * @return true for a transient failure
     */
    public boolean isTransient() {
        return transientFailure;
    }
}
