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

    Pipeline(PipelineSettings settings, Transform steps, Supplier<List<String>> personalProblems) {
        this.settings = settings;
        this.steps = steps;
        this.personalProblems = personalProblems;
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
     * with the thread's interrupt flag set.
     *
     * @return what the run did
     * @throws PipelineException when a field declared {@link PipelineStage#personal personal} would reach the sink
     *     unmasked (before anything is received), or the run stopped on its own: the sink could not be opened, the
     *     source failed for good, a transient failure outlasted the retry attempts, the sink returned the wrong
     *     number of results, or a thread of the run failed or was interrupted by something other than the pipeline
     */
    public PipelineSummary run() {
        checkPersonalFields();
        PipelineEngine engine = new PipelineEngine(settings, true);
        start(engine);
        try {
            engine.awaitTermination();
            engine.awaitThreads();
        } catch (InterruptedException e) {
            engine.stop(INTERRUPT_GRACE);
            Thread.currentThread().interrupt();
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
     * @return the handle to watch and stop the run
     * @throws PipelineException when a field declared {@link PipelineStage#personal personal} would reach the sink
     *     unmasked (before anything is received), or the sink could not be opened
     */
    public RunningPipeline start() {
        checkPersonalFields();
        PipelineEngine engine = new PipelineEngine(settings, false);
        start(engine);
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
     * @throws PipelineException when the setup is wrong (a missing table, a privilege, credentials), or when a
     *     failure left every message unresolved; either way every unresolved message was released first
     * @since 0.1.0
     */
    public PipelineSummary runOnce(Duration timeLimit) {
        Objects.requireNonNull(timeLimit, "timeLimit");
        try {
            return PipelineSummary.of(PipelineEngine.processHanded(settings, timeLimit));
        } catch (RunFailedException e) {
            throw new PipelineException(e.getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PipelineException("pipeline: interrupted while processing a handed batch", e);
        }
    }

    /** Returns the settings and steps, never values. */
    @Override
    public String toString() {
        return "Pipeline[" + settings + ", steps=" + steps + "]";
    }
}
