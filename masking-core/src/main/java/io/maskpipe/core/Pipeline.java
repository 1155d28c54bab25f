package io.maskpipe.core;

import io.maskpipe.core.engine.PipelineEngine;
import io.maskpipe.core.engine.PipelineSettings;
import io.maskpipe.core.engine.RunFailedException;
import io.maskpipe.core.spi.Source;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A runnable pipeline: receives messages from a source, applies its steps (masking first among them), writes the
 * records to a sink in batches and acknowledges each message only once its record or its rejection is durably
 * stored.
 *
 * <p>Describe one with {@link #from(Source)}, add steps and settings, and finish with
 * {@link PipelineStage#to to(sink)}:
 * <pre>{@code
 * Masker hmac = Maskers.hmac(keyring);
 * Pipeline pipeline = Pipeline.from(source)          // SqsSource.of(sqs, queueUrl), or your own Source
 *         .require("user_id")
 *         .mask("ip", hmac)
 *         .mask("device_id", hmac)
 *         .deadLetters(deadLetters, keyring)         // SqsDeadLetters.of(sqs, dlqUrl); sealed
 *         .to(sink);                                 // PostgresSink.into(table)...build()
 * PipelineSummary summary = pipeline.run();
 * }</pre>
 * Nothing starts until {@link #run()} or {@link #start()}; each call starts a new, independent run. The pipeline
 * does not close its source, sink or dead-letter destination: they belong to the caller. Delivery guarantees, every
 * failure case and tuning are described in {@code docs/pipeline.md}. Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class Pipeline {
    /** How long {@link #run()} gives in-flight work when its thread is interrupted. */
    static final Duration INTERRUPT_GRACE = Duration.ofSeconds(30);

    private final PipelineSettings settings;
    private final Transform steps;
    private final Supplier<List<String>> personalProblems;
    private final Duration shutdownGrace;

    Pipeline(PipelineSettings settings, Transform steps, Supplier<List<String>> personalProblems,
            Duration shutdownGrace) {
        this.settings = settings;
        this.steps = steps;
        this.personalProblems = personalProblems;
        this.shutdownGrace = shutdownGrace;
    }

    /**
     * Starts describing a pipeline that reads from a source.
     *
     * @param source where messages come from
     * @return the first stage, with no steps and default settings
     */
    public static PipelineStage from(Source source) {
        return PipelineStage.from(source);
    }

    /**
     * Runs the pipeline in the calling thread until the source is drained (several empty receives in a row with
     * nothing in flight, see {@link PipelineStage#emptyReceivesToDrain}) and every received message is resolved.
     * It returns once the run's threads have ended.
     *
     * <p>Interrupting the calling thread stops the run gracefully (30 seconds for in-flight work), then returns
     * with the thread's interrupt flag set. With {@link PipelineStage#shutdownGrace(Duration)} set, a JVM shutdown
     * (SIGTERM) stops it the same way within that grace.
     *
     * <p>The summary says whether the queue was really drained ({@link PipelineSummary#drained()}): the run waits
     * for messages whose delete failed to come back, but not for rejections left for redrive (each would be
     * rejected again), which {@link PipelineSummary#hidden()} counts with {@link PipelineSummary#visibleAgainBy()}.
     *
     * @return what the run did
     * @throws PipelineException when a field declared {@link PipelineStage#personal personal} would reach the sink
     *     unmasked (before anything is received), or the run stopped on its own: it could not start, a connector
     *     reported a {@code SETUP} failure, a transient failure outlasted the retry attempts, the sink returned the
     *     wrong number of results, or a thread of the run failed (an {@code Error} included) or was interrupted by
     *     something other than the pipeline
     */
    public PipelineSummary run() {
        checkPersonalFields();
        PipelineEngine engine = new PipelineEngine(settings, true);
        start(engine);
        Thread hook = shutdownGrace == null ? null
                : GracefulStop.install(() -> engine.stop(shutdownGrace), () -> PipelineSummary.of(engine.summary()));
        try {
            engine.awaitTermination();
            engine.awaitThreads();
        } catch (InterruptedException e) {
            engine.stop(INTERRUPT_GRACE);
            Thread.currentThread().interrupt();
        } finally {
            GracefulStop.remove(hook);
        }
        RunFailedException failure = engine.failureOrNull();
        if (failure != null) {
            throw new PipelineException(failure.getMessage(), failure.getCause());
        }
        return PipelineSummary.of(engine.summary());
    }

    /**
     * Starts the pipeline in its own threads and returns at once; it runs until stopped with
     * {@link RunningPipeline#stop(Duration)} or until it fails, never because the source is momentarily empty.
     *
     * <p>With {@link PipelineStage#shutdownGrace(Duration)} set, a JVM shutdown (SIGTERM) stops it gracefully
     * within that grace, as {@link #runUntilShutdown(Duration)} does.
     *
     * @return the handle to watch and stop the run
     * @throws PipelineException when a field declared {@link PipelineStage#personal personal} would reach the sink
     *     unmasked (before anything is received), or the run could not start (the source's visibility timeout could
     *     not be read, the sink could not be opened); no thread of the run is left behind
     */
    public RunningPipeline start() {
        checkPersonalFields();
        PipelineEngine engine = new PipelineEngine(settings, false);
        start(engine);
        if (shutdownGrace != null) {
            GracefulStop.install(() -> engine.stop(shutdownGrace), () -> PipelineSummary.of(engine.summary()));
        }
        return new RunningPipeline(engine);
    }

    /** Refuses to start when a declared personal field would reach the sink unmasked; nothing is received. */
    private void checkPersonalFields() {
        List<String> problems = personalProblems.get();
        if (!problems.isEmpty()) {
            throw new PipelineException("pipeline: not started, " + String.join("; ", problems)
                    + "; mask each with .mask(path, masker), or drop it", null);
        }
    }

    private static void start(PipelineEngine engine) {
        try {
            engine.start();
        } catch (RunFailedException e) {
            throw new PipelineException(e.getMessage(), e.getCause());
        }
    }

    /**
     * Receives once from the source and resolves everything received, in the calling thread, within a time limit:
     * for sources that are handed their messages rather than polling for them, such as the AWS Lambda handler of
     * {@code maskpipe-lambda}. Records are written in batches of the pipeline's batch size and rejections stored as
     * in {@link #run()}; each message ends acknowledged at the source (stored or dead-lettered), released (its write
     * kept failing until the time was up, or a FIFO group's earlier message failed), or neither (rejected with no
     * dead-letter destination). No thread is started and no visibility is extended.
     *
     * @param timeLimit how long transient failures may be retried in all
     * @return what the call did
     * @throws PipelineException when a field declared {@link PipelineStage#personal personal} would reach the sink
     *     unmasked (nothing is received), when the setup is wrong (a missing table, a privilege, credentials), or
     *     when a failure left every message unresolved; either way every unresolved message was released first
     * @since 0.1.0
     */
    public PipelineSummary runOnce(Duration timeLimit) {
        Objects.requireNonNull(timeLimit, "timeLimit");
        checkPersonalFields();
        try {
            return PipelineSummary.of(PipelineEngine.processHanded(settings, timeLimit));
        } catch (RunFailedException e) {
            throw new PipelineException(e.getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PipelineException("pipeline: interrupted while processing a handed batch", e);
        }
    }

    /**
     * Runs the pipeline until the JVM is asked to shut down (SIGTERM, Ctrl-C, {@code System.exit}), then stops it
     * gracefully: polling stops, in-flight messages are written and acknowledged within {@code grace}, what is not
     * done by then is released to the queue, and the summary is printed to standard error (logging may already
     * be shut down at that point) and returned. It never ends because the queue is empty, like {@link #start()}.
     * Meant for a service's main thread under ECS, Kubernetes or systemd; choose {@code grace} a few seconds
     * shorter than the time they allow before killing the process ({@code docs/pipeline.md}).
     *
     * <pre>{@code
     * PipelineSummary summary = pipeline.runUntilShutdown(Duration.ofSeconds(10)); // blocks until SIGTERM
     * }</pre>
     *
     * <p>Interrupting the calling thread stops the run the same way and returns with the interrupt flag set.
     *
     * @param grace how long in-flight work may take once shutdown begins
     * @return the final summary (the JVM may halt before the caller reads it; it was printed)
     * @throws PipelineException when the run could not start or stopped on its own before any shutdown
     */
    public PipelineSummary runUntilShutdown(Duration grace) {
        Objects.requireNonNull(grace, "grace");
        return GracefulStop.runUntilShutdown(start(), grace);
    }

    /** Returns the settings and steps, never values. */
    @Override
    public String toString() {
        return "Pipeline[" + settings + ", steps=" + steps + "]";
    }
}
