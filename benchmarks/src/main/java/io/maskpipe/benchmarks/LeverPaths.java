package io.maskpipe.benchmarks;

import io.maskpipe.core.Pipeline;
import io.maskpipe.core.PipelineListener;
import io.maskpipe.core.PipelineSummary;
import io.maskpipe.core.record.Outcome;
import io.maskpipe.core.record.Record;
import io.maskpipe.core.spi.Delivery;
import io.maskpipe.core.spi.Sink;
import io.maskpipe.core.spi.WriteResult;
import io.maskpipe.sqs.SqsSource;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The receive-and-delete paths {@link SqsLeversBenchmark} weighs on one client: the bare SDK loop, the same loop
 * asking for {@code SqsSource}'s attributes, {@code SqsSource} driven directly (receive ten, decode, acknowledge them
 * with one {@code DeleteMessageBatch}, as many threads as the loop) and a pipeline with a sink that writes nothing
 * (the example's engine settings: 4 pollers, 2 writers, batches of 500, 4,000 in flight, 250 ms polls).
 */
enum LeverPaths {
    /** receive(10) + DeleteMessageBatch on the SDK, nothing else. */
    SDK("sdk"),
    /** The same, asking for the three system attributes and all message attributes, as SqsSource does. */
    SDK_ATTRIBUTES("sdk-attrs"),
    /** SqsSource.receive + SqsSource.acknowledge per thread: the source's own cost, no engine. */
    SOURCE("source"),
    /** A pipeline from SqsSource into a sink that accepts every record and writes nothing. */
    PIPELINE("pipeline");

    private static final Duration ONE_SECOND = Duration.ofSeconds(1);

    private final String label;

    LeverPaths(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    static LeverPaths parse(String text) {
        for (LeverPaths path : values()) {
            if (path.label.equals(text.trim().toLowerCase(Locale.ROOT))) {
                return path;
            }
        }
        throw new IllegalArgumentException("unknown path '" + text + "' (sdk, sdk-attrs, source, pipeline)");
    }

    /** Drains {@code expected} messages from the queue along this path with {@code threads} threads. */
    PhaseResult drain(String name, SqsClient sqs, String queueUrl, int threads, long expected) throws Exception {
        return switch (this) {
            case SDK -> SqsLoops.sdkCeiling(name, sqs, queueUrl, threads, expected, false);
            case SDK_ATTRIBUTES -> SqsLoops.sdkCeiling(name, sqs, queueUrl, threads, expected, true);
            case SOURCE -> source(name, sqs, queueUrl, threads, expected);
            case PIPELINE -> pipeline(name, sqs, queueUrl, expected);
        };
    }

    private static PhaseResult source(String name, SqsClient sqs, String queueUrl, int threads, long expected)
            throws Exception {
        try (SqsSource source = SqsSource.builder().client(sqs).queueUrl(queueUrl).build()) {
            return SqsLoops.ceiling(name, threads, expected, () -> {
                List<Delivery> deliveries;
                try {
                    deliveries = source.receive(ONE_SECOND);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
                for (Delivery delivery : deliveries) {
                    if (!(delivery.content() instanceof Outcome.Accepted)) {
                        throw new IllegalStateException("message " + delivery.id() + " not decoded");
                    }
                }
                if (!deliveries.isEmpty()) {
                    source.acknowledge(deliveries);
                }
                return deliveries.size();
            });
        }
    }

    private static PhaseResult pipeline(String name, SqsClient sqs, String queueUrl, long expected)
            throws Exception {
        SteadyMeter meter = SteadyMeter.between(expected / 5, expected * 4 / 5);
        try (SqsSource source = SqsSource.builder().client(sqs).queueUrl(queueUrl).build()) {
            Pipeline pipeline = Pipeline.from(source)
                    .batching(500, Duration.ofMillis(200))
                    .pollers(4)
                    .writers(2)
                    .maxInFlight(4_000)
                    .pollWait(Duration.ofMillis(250))
                    .listener(new PipelineListener() {
                        @Override
                        public void written(int count) {
                            meter.add(count);
                        }
                    })
                    .to(new DiscardingSink());
            long start = System.nanoTime();
            PipelineSummary summary = pipeline.run();
            long nanos = System.nanoTime() - start;
            if (summary.written() != expected) {
                throw new IllegalStateException("pipeline wrote " + summary.written() + " of " + expected);
            }
            return new PhaseResult(name, summary.written(), nanos, meter.window());
        }
    }

    /** Accepts every record and keeps none: the pipeline's SQS side alone. */
    private static final class DiscardingSink implements Sink {
        @Override
        public List<WriteResult> write(List<Record> records) {
            return Collections.nCopies(records.size(), WriteResult.written());
        }
    }
}
