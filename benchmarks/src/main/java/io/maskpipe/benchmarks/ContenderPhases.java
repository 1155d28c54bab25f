package io.maskpipe.benchmarks;

import io.maskpipe.core.Masker;
import io.maskpipe.core.Pipeline;
import io.maskpipe.core.PipelineListener;
import io.maskpipe.core.PipelineSummary;
import io.maskpipe.postgres.PostgresSink;
import io.maskpipe.sqs.SqsDeadLetters;
import io.maskpipe.sqs.SqsSource;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * One phase of a {@link Contender} on a queue the harness has filled (and tables it has reset): builds the contender's
 * SDK client, consumes the queue's {@code messages}, closes the client and returns what the phase measured. The same
 * code runs in the harness's JVM and in a contender's own JVM ({@link ContenderChildMain}). With a profile file, a
 * flight recording of the phase (started once the client and the pipeline are built) is written to it.
 */
final class ContenderPhases {
    private final HarnessOptions options;
    private final URI endpoint;
    private final String deadLetterQueue;
    private final String jdbcUrl;
    private final Masker masker;

    ContenderPhases(HarnessOptions options, URI endpoint, String deadLetterQueue, String jdbcUrl, Masker masker) {
        this.options = options;
        this.endpoint = endpoint;
        this.deadLetterQueue = deadLetterQueue;
        this.jdbcUrl = jdbcUrl;
        this.masker = masker;
    }

    /** Runs the contender's phase over the queue, recording a profile into {@code profile} unless that is null. */
    PhaseResult run(Contender contender, SqsHttpClient client, String queueUrl, int messages, Path profile)
            throws Exception {
        return switch (contender) {
            case PIPELINE -> pipeline(client, queueUrl, messages, profile);
            case SDK -> sdk(client, queueUrl, messages, false, profile);
            case SDK_ATTRIBUTES -> sdk(client, queueUrl, messages, true, profile);
            case HAND -> handWritten(client, queueUrl, messages, profile);
        };
    }

    /** The user-logins pipeline as {@code LoginsExample.pipeline} builds it. */
    private PhaseResult pipeline(SqsHttpClient client, String queueUrl, int messages, Path profile) throws Exception {
        SteadyMeter meter = SteadyMeter.between(messages / 5, messages * 4L / 5);
        PipelineListener counter = new PipelineListener() {
            @Override
            public void written(int count) {
                meter.add(count);
            }
        };
        SqsCallCounter calls = new SqsCallCounter();
        try (SqsClient sqs = client.sqs(endpoint, options.threads() + 8, calls);
             SqsSource source = SqsSource.builder().client(sqs).queueUrl(queueUrl).build();
             PostgresSink sink = CopyPhases.sink(jdbcUrl, EndToEndHarness.SCHEMA)) {
            Pipeline pipeline = Pipeline.from(source)
                    .require("user_id", "device_type", "ip", "device_id", "app_version")
                    .keepOnly("user_id", "device_type", "ip", "device_id", "locale", "app_version")
                    .mask("ip", masker)
                    .mask("device_id", masker)
                    .deadLettersUnsealed(SqsDeadLetters.of(sqs, deadLetterQueue))
                    .batching(options.batch(), Duration.ofMillis(200))
                    .pollers(options.pollers())
                    .writers(options.writers())
                    .maxInFlight(options.maxInFlight())
                    .pollWait(Duration.ofMillis(250))
                    .listener(counter)
                    .to(sink);
            JfrProfile recording = profile == null ? null : JfrProfile.start();
            long start = System.nanoTime();
            PipelineSummary summary = pipeline.run();
            long nanos = System.nanoTime() - start;
            stop(recording, profile);
            if (summary.written() != messages) {
                throw new IllegalStateException("pipeline wrote " + summary.written() + " of " + messages
                        + " (duplicates " + summary.duplicates() + ", rejected " + summary.rejected() + ")");
            }
            return new PhaseResult("pipeline, " + client.label() + " (" + options.pollers() + "p "
                    + options.writers() + "w, batch " + options.batch() + ", in flight " + options.maxInFlight() + ")",
                    summary.written(), nanos, meter.window())
                    .withNote(calls.perHundred(summary.written()));
        }
    }

    private PhaseResult sdk(SqsHttpClient client, String queueUrl, int messages, boolean attributes, Path profile)
            throws Exception {
        SqsCallCounter calls = new SqsCallCounter();
        try (SqsClient sqs = client.sqs(endpoint, options.threads() + 4, calls)) {
            JfrProfile recording = profile == null ? null : JfrProfile.start();
            PhaseResult result = SqsLoops.sdkCeiling((attributes ? "SDK loop + SqsSource's attributes, "
                    : "SDK ceiling, ") + client.label() + " (" + options.threads() + " threads)", sqs, queueUrl,
                    options.threads(), messages, attributes);
            stop(recording, profile);
            return result.withNote(calls.perHundred(result.messages()));
        }
    }

    private PhaseResult handWritten(SqsHttpClient client, String queueUrl, int messages, Path profile)
            throws Exception {
        SqsCallCounter calls = new SqsCallCounter();
        try (SqsClient sqs = client.sqs(endpoint, options.threads() + 4, calls)) {
            // A fifth of the pipeline's batch per thread: its 12 threads then hold about what the pipeline holds in
            // flight, and the steady window sees many COPYs rather than one burst per thread.
            int batch = Math.max(10, options.batch() / 5);
            JfrProfile recording = profile == null ? null : JfrProfile.start();
            PhaseResult result = SqsLoops.handWritten("hand-written loader, " + client.label() + " ("
                    + options.threads() + " threads, COPY of " + batch + ")", sqs, queueUrl, jdbcUrl,
                    EndToEndHarness.SCHEMA + ".user_logins_copy", masker, options.threads(), batch, messages);
            stop(recording, profile);
            return result.withNote(calls.perHundred(result.messages()));
        }
    }

    private static void stop(JfrProfile recording, Path file) throws java.io.IOException {
        if (recording != null) {
            try (recording) {
                recording.stop(file);
            }
        }
    }
}
