package io.maskpipe.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskpipe.core.spi.ConnectorException;
import io.maskpipe.core.Pipeline;
import io.maskpipe.core.PipelineSummary;
import io.maskpipe.core.PipelineStage;
import io.maskpipe.core.RunningPipeline;
import io.maskpipe.core.record.FieldPath;
import io.maskpipe.core.record.ReasonCode;
import io.maskpipe.core.record.Record;
import io.maskpipe.core.record.Rejection;
import io.maskpipe.core.spi.SinkException;
import io.maskpipe.core.spi.Source;
import io.maskpipe.testing.InMemoryDeadLetters;
import io.maskpipe.testing.InMemorySink;
import io.maskpipe.testing.InMemorySource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Real runs on the in-memory doubles: every meter against the events that fed it, counted exactly. */
class MicrometerListenerTest {
    private static final Tags PIPELINE = Tags.of("pipeline", "user-logins", "messaging.system", "aws_sqs");

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    /** A stage whose batches are the receives of 10 (one poller, full batches leave at once), with quick retries. */
    static PipelineStage tenPerBatch(Source source) {
        return Pipeline.from(source).pollers(1).batching(10, Duration.ofSeconds(10)).pollWait(Duration.ofMillis(5))
                .retry(Duration.ofMillis(1), Duration.ofMillis(5));
    }

    /** Starts a run of 10 logins, one batch, into a sink that holds it; returns once it is held and counted. */
    private RunningPipeline runHeldBy(Fixtures.GatedSink sink) {
        InMemorySource source = InMemorySource.create();
        for (int i = 0; i < 10; i++) {
            source.offer(Fixtures.login(i));
        }
        RunningPipeline running = tenPerBatch(source).listener(MicrometerListener.of(registry)).to(sink).start();
        Fixtures.await("the batch is in the sink and counted received", () -> sink.entered.getCount() == 0
                && registry.get(Meters.CONSUMED).counter().count() == 10);
        return running;
    }

    static double count(MeterRegistry registry, String name, String... tags) {
        return registry.get(name).tags(PIPELINE).tags(tags).counter().count();
    }

    @Test
    void run_everyKindOfEvent_everyMeterCountsExactly() {
        // given 40 messages in four receives of 10: a duplicate (id-0), a missing user_id (id-3), a record the sink
        // refuses (id-9), a body that is not JSON, two transient sink failures and a failed acknowledgement (given up
        // on: its 10 messages come back after the visibility timeout and resolve as duplicates, their letters not
        // stored again)
        InMemorySource source = InMemorySource.create(Duration.ofMillis(300)); // a failed ack comes back soon
        for (int i = 0; i < 39; i++) {
            Record login = Fixtures.login(i);
            source.offer(i == 3 ? login.without(FieldPath.of("user_id")) : login);
        }
        source.offerUndecodable("broken", Rejection.of(ReasonCode.MALFORMED_JSON, "not valid JSON at line 1"));
        source.failAcknowledgements(1, ConnectorException.Kind.DATA); // given up on: a failed acknowledgement
        InMemorySink sink = InMemorySink.create();
        sink.write(List.of(Fixtures.login(0)));
        sink.failTransiently(2);
        sink.refuse("id-9");

        // when
        PipelineSummary summary = tenPerBatch(source).require("user_id").deadLettersUnsealed(InMemoryDeadLetters.create())
                .listener(MicrometerListener.of(registry, Tags.of("pipeline", "user-logins"))).to(sink).run();

        // then the counters match the summary, exactly
        assertThat(count(registry, Meters.CONSUMED, "messaging.operation.name", "receive"))
                .isEqualTo(summary.received()).isEqualTo(50);
        assertThat(count(registry, Meters.WRITTEN)).isEqualTo(summary.written()).isEqualTo(36);
        assertThat(count(registry, Meters.DUPLICATE)).isEqualTo(summary.duplicates()).isEqualTo(11);
        assertThat(count(registry, Meters.RELEASED)).isEqualTo(summary.released()).isZero();
        for (ReasonCode reason : List.of(ReasonCode.MISSING_FIELD, ReasonCode.MALFORMED_JSON,
                ReasonCode.SINK_REJECTED)) {
            assertThat(count(registry, Meters.REJECTED, "reason", reason.name())).as("rejected %s", reason)
                    .isEqualTo((double) summary.rejectedByReason().get(reason)).isEqualTo(1);
            assertThat(count(registry, Meters.DEAD_LETTERED, "reason", reason.name())).as("dead-lettered %s", reason)
                    .isEqualTo(1);
        }
        assertThat(registry.find(Meters.REJECTED).counters()).hasSize(3);
        assertThat(registry.find(Meters.DEAD_LETTERED).counters()).hasSize(3);
        assertThat(summary.deadLettered()).isEqualTo(3);
        assertThat(count(registry, Meters.RETRIES, "kind", "transient", "exception", "SinkException"))
                .isEqualTo(summary.retries()).isEqualTo(2);
        assertThat(registry.find(Meters.RETRIES).counters()).hasSize(1);
        // one acknowledgement per batch of 10, every message of each stored or dead-lettered
        assertThat(count(registry, Meters.ACKNOWLEDGE_FAILED, "kind", "data", "exception", "SourceException"))
                .isEqualTo(summary.acknowledgeFailures()).isEqualTo(10);
        assertThat(registry.get(Meters.IN_FLIGHT).tags(PIPELINE).gauge().value()).isZero();

        // and the batches: five, the fifth the redelivery of the first (47 records in all)
        DistributionSummary batchSize = registry.get(Meters.BATCH_SIZE).tags(PIPELINE).summary();
        assertThat(batchSize.count()).isEqualTo(5);
        assertThat(batchSize.totalAmount()).isEqualTo(summary.written() + summary.duplicates()).isEqualTo(47);
        assertThat(batchSize.max()).isEqualTo(10);
        Timer duration = registry.get(Meters.PROCESS_DURATION).tags(PIPELINE)
                .tag("messaging.operation.name", "process").timer();
        assertThat(duration.count()).isEqualTo(5);
        assertThat(duration.totalTime(TimeUnit.NANOSECONDS)).isPositive();
        assertThat(registry.getMeters().stream().map(m -> m.getId().getName()).distinct())
                .containsExactlyInAnyOrder(Meters.CONSUMED, Meters.WRITTEN, Meters.DUPLICATE, Meters.RELEASED,
                        Meters.REJECTED, Meters.DEAD_LETTERED, Meters.RETRIES, Meters.ACKNOWLEDGE_FAILED,
                        Meters.IN_FLIGHT, Meters.BATCH_SIZE, Meters.PROCESS_DURATION);
    }

    @Test
    void run_withoutDeadLetters_rejectionCountedButNotDeadLettered() {
        // given a rejection and no dead-letter destination, from a source that is not SQS
        InMemorySource source = InMemorySource.create();
        for (int i = 0; i < 10; i++) {
            source.offer(i == 3 ? Fixtures.login(i).without(FieldPath.of("user_id")) : Fixtures.login(i));
        }
        MicrometerListener metrics = MicrometerListener.builder(registry).messagingSystem("kafka").build();

        // when
        PipelineSummary summary = tenPerBatch(source).require("user_id").listener(metrics).to(InMemorySink.create())
                .run();

        // then
        Tags kafka = Tags.of("messaging.system", "kafka");
        assertThat(summary.leftForRedrive()).isEqualTo(1);
        assertThat(registry.get(Meters.CONSUMED).tags(kafka).counter().count()).isEqualTo(10);
        assertThat(registry.get(Meters.WRITTEN).tags(kafka).counter().count()).isEqualTo(9);
        assertThat(registry.get(Meters.REJECTED).tags(kafka).tag("reason", "MISSING_FIELD").counter().count())
                .isEqualTo(1);
        assertThat(registry.find(Meters.DEAD_LETTERED).counters()).isEmpty();
        assertThat(registry.get(Meters.IN_FLIGHT).tags(kafka).gauge().value()).isZero();
    }

    @Test
    void inFlight_batchHeldBySink_readsTheHeldMessagesUntilWritten() {
        // given a run whose sink holds the first batch
        Fixtures.GatedSink sink = new Fixtures.GatedSink();
        RunningPipeline running = runHeldBy(sink);

        // when held, then released by the sink
        double held = registry.get(Meters.IN_FLIGHT).gauge().value();
        sink.gate.countDown();
        PipelineSummary summary = running.stop(Fixtures.PATIENCE);

        // then
        assertThat(held).isEqualTo(10);
        assertThat(summary.written()).isEqualTo(10);
        assertThat(registry.get(Meters.IN_FLIGHT).gauge().value()).isZero();
        assertThat(registry.get(Meters.WRITTEN).counter().count()).isEqualTo(10);
    }

    @Test
    void released_stopRunsOutOfTime_countsReleasedAndNothingInFlight() {
        // given a run whose sink holds the only batch
        Fixtures.GatedSink sink = new Fixtures.GatedSink();
        RunningPipeline running = runHeldBy(sink);

        // when the stop has no time to wait for it
        PipelineSummary summary = running.stop(Duration.ZERO);
        sink.gate.countDown();

        // then
        assertThat(summary.released()).isEqualTo(10);
        assertThat(registry.get(Meters.RELEASED).counter().count()).isEqualTo(10);
        assertThat(registry.get(Meters.WRITTEN).counter().count()).isZero();
        assertThat(registry.get(Meters.IN_FLIGHT).gauge().value()).isZero();
    }

    @Test
    void of_beforeAnyEvent_registersEveryFixedMeterAtZero() {
        // when
        MicrometerListener.of(registry);

        // then the meters without a per-event tag are there, reading zero; the others come with their first event
        assertThat(registry.getMeters()).extracting(m -> m.getId().getName()).containsExactlyInAnyOrder(
                Meters.CONSUMED, Meters.WRITTEN, Meters.DUPLICATE, Meters.RELEASED, Meters.IN_FLIGHT,
                Meters.BATCH_SIZE, Meters.PROCESS_DURATION);
        assertThat(registry.get(Meters.CONSUMED).counter().count()).isZero();
        assertThat(registry.get(Meters.IN_FLIGHT).gauge().value()).isZero();
        assertThat(registry.get(Meters.PROCESS_DURATION).timer().count()).isZero();
    }

    @Test
    void listeners_sameRegistryAndTags_shareTheirMetersAndInFlight() {
        // given two listeners with the same tags, and one with another
        MicrometerListener first = MicrometerListener.of(registry, Tags.of("pipeline", "a"));
        MicrometerListener second = MicrometerListener.of(registry, Tags.of("pipeline", "a"));
        MicrometerListener other = MicrometerListener.of(registry, Tags.of("pipeline", "b"));

        // when
        first.received(3);
        second.received(4);
        first.written(2);
        other.received(5);

        // then
        assertThat(registry.get(Meters.CONSUMED).tag("pipeline", "a").counter().count()).isEqualTo(7);
        assertThat(registry.get(Meters.IN_FLIGHT).tag("pipeline", "a").gauge().value()).isEqualTo(5);
        assertThat(registry.get(Meters.IN_FLIGHT).tag("pipeline", "b").gauge().value()).isEqualTo(5);
        assertThat(registry.find(Meters.IN_FLIGHT).gauges()).hasSize(2);
    }

    /** Records the distribution settings each meter is registered with, as a registry's own filter sees them. */
    private Map<String, DistributionStatisticConfig> distributionConfigs() {
        Map<String, DistributionStatisticConfig> configs = new ConcurrentHashMap<>();
        registry.config().meterFilter(new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                configs.put(id.getName(), config);
                return config;
            }
        });
        return configs;
    }

    @Test
    void percentiles_byDefault_areOff() {
        // given
        Map<String, DistributionStatisticConfig> configs = distributionConfigs();

        // when
        MicrometerListener.of(registry).batchWritten(10, Duration.ofMillis(5));

        // then
        Timer timer = registry.get(Meters.PROCESS_DURATION).timer();
        DistributionSummary size = registry.get(Meters.BATCH_SIZE).summary();
        assertThat(timer.takeSnapshot().percentileValues()).isEmpty();
        assertThat(size.takeSnapshot().percentileValues()).isEmpty();
        assertThat(configs).containsOnlyKeys(Meters.PROCESS_DURATION, Meters.BATCH_SIZE);
        assertThat(configs.values()).allSatisfy(config -> {
            assertThat(config.getPercentiles()).isNullOrEmpty();
            assertThat(config.isPercentileHistogram()).isFalse();
        });
        assertThat(timer.getId().getBaseUnit()).isEqualTo("seconds");
        assertThat(timer.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(5);
        assertThat(size.totalAmount()).isEqualTo(10);
    }

    @Test
    void percentiles_turnedOn_arePublishedForBatchSizeAndDuration() {
        // given
        Map<String, DistributionStatisticConfig> configs = distributionConfigs();

        // when
        MicrometerListener listener = MicrometerListener.builder(registry).publishPercentiles(0.5, 0.99)
                .publishPercentileHistogram(true).build();
        listener.batchWritten(10, Duration.ofMillis(5));

        // then
        Timer timer = registry.get(Meters.PROCESS_DURATION).timer();
        DistributionSummary size = registry.get(Meters.BATCH_SIZE).summary();
        assertThat(timer.takeSnapshot().percentileValues()).extracting(v -> v.percentile()).containsExactly(0.5, 0.99);
        assertThat(size.takeSnapshot().percentileValues()).extracting(v -> v.percentile()).containsExactly(0.5, 0.99);
        assertThat(configs).containsOnlyKeys(Meters.PROCESS_DURATION, Meters.BATCH_SIZE);
        assertThat(configs.values()).allSatisfy(config -> {
            assertThat(config.getPercentiles()).containsExactly(0.5, 0.99);
            assertThat(config.isPercentileHistogram()).isTrue();
        });
    }

    @Test
    void failures_causeOrClass_tagTheExceptionsSimpleName() {
        // given
        MicrometerListener listener = MicrometerListener.of(registry);

        // when a sink failure caused by a client exception, and an acknowledgement failure that is no connector's
        listener.retried(1, Duration.ofMillis(1), new SinkException("sink write failed", true,
                new ConnectException("refused")));
        listener.acknowledgeFailed(3, new IllegalStateException("closed"));

        // then
        assertThat(registry.get(Meters.RETRIES).tags("kind", "transient", "exception", "ConnectException").counter()
                .count()).isEqualTo(1);
        assertThat(registry.get(Meters.ACKNOWLEDGE_FAILED).tags("kind", "unknown", "exception",
                "IllegalStateException").counter().count()).isEqualTo(3);
        assertThat(registry.getMeters()).extracting(Meter::getId).allSatisfy(id -> assertThat(id.getTags())
                .noneMatch(tag -> tag.getValue().contains("refused") || tag.getValue().contains("closed")));
        assertThat(registry.find(Meters.RETRIES).counters()).extracting(Counter::count).containsExactly(1.0);
    }
}
