package io.maskpipe.core;

import io.maskpipe.core.record.MaskpipeException;

/**
 * Thrown when a pipeline stops on its own because it cannot go on: a source, sink or dead-letter destination reported
 * a {@code SETUP} failure (its message names what to fix), the run could not start (the sink could not be opened, the
 * source's visibility timeout could not be read), a transient failure outlasted the configured retry attempts, the
 * sink returned the wrong number of results, or a thread of the run failed with an {@link Error} or was interrupted
 * by something other than the pipeline.
 *
 * <p>Nothing is lost: every message not yet stored was left unacknowledged or given back to the source. The message
 * names what failed; the cause is the underlying failure.
 *
 * @since 0.1.0
 */
public final class PipelineException extends MaskpipeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed, with no value in it
     * @param cause the underlying failure, or {@code null}
     */
    public PipelineException(String message, Throwable cause) {
        super(message, cause);
    }
}
