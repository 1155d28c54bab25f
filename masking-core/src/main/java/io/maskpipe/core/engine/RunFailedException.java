package io.maskpipe.core.engine;

/**
 * Thrown inside the engine when a batch cannot be resolved and the run must end: a transient failure outlasted the
 * retry attempts, or the sink broke its contract. The door turns it into the run's {@code PipelineException}, keeping the message and cause.
 */
public final class RunFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The message has no value in it and no "pipeline: " prefix; the cause may be {@code null}. */
    public RunFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
