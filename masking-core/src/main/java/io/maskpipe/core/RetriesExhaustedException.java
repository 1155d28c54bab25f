package io.maskpipe.core;

/** Thrown inside the engine when a transient failure outlasted the configured attempts; ends the run. */
final class RetriesExhaustedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RetriesExhaustedException(String message, Throwable cause) {
        super(message, cause);
    }
}
