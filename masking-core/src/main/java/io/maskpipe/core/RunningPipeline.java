package io.maskpipe.core;

import io.maskpipe.core.engine.PipelineEngine;
import io.maskpipe.core.engine.PipelineEngine;
import io.maskpipe.core.engine.RunFailedException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A handle on a pipeline started with {@link Pipeline#start()}: watch its counts, wait for it, stop it.
 *
 * <p>Thread-safe: any thread may stop it or read its summary.
 *
 * @since 0.1.0
 */
public final class RunningPipeline {
    private final PipelineEngine engine;

    RunningPipeline(PipelineEngine engine) {
        this.engine = engine;
    }

    /**
     * Stops the pipeline gracefully and waits for it: polling stops, received messages are written and
     * acknowledged as usual (lingering batches are flushed at once), and if that takes longer than {@code timeout},
     * whatever is still unresolved is given back to the source ({@link io.maskpipe.core.spi.Source#release}) and
     * the run ends. A message whose write was cut short may have been stored; it comes back and the sink reports it
     * as a duplicate. It returns once the run's threads have ended or the timeout has passed. Interrupting the
     * calling thread releases the unresolved messages at once. Calling it again, or after the run ended, just
     * returns the summary.
     *
     * @param timeout how long in-flight work may take
     * @return the final summary
     */
    public PipelineSummary stop(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        engine.stop(timeout);
        return summary();
    }

    /**
     * Waits until the run has ended, because it was stopped or failed.
     *
     * @param timeout how long to wait at most
     * @return true when the run has ended
     * @throws InterruptedException when the waiting thread is interrupted
     */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        Objects.requireNonNull(timeout, "timeout");
        return engine.awaitTermination(timeout);
    }

    /**
     * Returns whether the run is still going.
     *
     * @return false once it has ended
     */
    public boolean isRunning() {
        return !engine.isTerminated();
    }

    /**
     * Returns the counts so far, or the final ones once the run has ended.
     *
     * @return the summary
     */
    public PipelineSummary summary() {
        return PipelineSummary.of(engine.summary());
    }

    /**
     * Returns why the run stopped on its own, if it did.
     *
     * @return the failure, or empty while running and after a stop or drain
     */
    public Optional<PipelineException> failure() {
        RunFailedException failure = engine.failureOrNull();
        return failure == null ? Optional.empty() : Optional.of(new PipelineException(failure.getMessage(),
                failure.getCause()));
    }

    /** Returns whether the run is going and its counts. */
    @Override
    public String toString() {
        return "RunningPipeline[" + (isRunning() ? "running" : "ended") + ", " + summary() + "]";
    }
}
