package io.maskpipe.testing;

import static io.maskpipe.testing.Fixtures.await;
import static io.maskpipe.testing.Fixtures.fast;
import static io.maskpipe.testing.Fixtures.ids;
import static io.maskpipe.testing.Fixtures.logins;
import static org.assertj.core.api.Assertions.assertThat;

import io.maskpipe.core.PipelineSummary;
import io.maskpipe.core.RunningPipeline;
import io.maskpipe.core.Transform;
import io.maskpipe.core.record.Outcome;
import io.maskpipe.core.spi.ConnectorException;
import io.maskpipe.core.spi.Delivery;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Stopping, restarting and backpressure. */
class PipelineShutdownTest {

    @Test
    void stop_abruptlyMidBatchThenRestart_everyMessageWrittenAndDuplicatesCounted() {
        // given a run whose second batch is stored by the sink but never acknowledged
        Fixtures.GatedSink sink = new Fixtures.GatedSink(2, true);
        InMemorySource source = InMemorySource.of(logins(60));
        RunningPipeline first = fast(source).pollers(1).batching(10, Duration.ZERO).to(sink).start();
        await(sink.entered);

        // when it stops at once, mid-batch, and a new run starts on the same queue
        PipelineSummary stopped = first.stop(Duration.ZERO);
        sink.gate.countDown();
        PipelineSummary restarted = fast(source).to(sink.delegate).run();

        // then every message is written exactly once, and the stranded batch shows up as duplicates
        assertThat(first.isRunning()).isFalse();
        assertThat(stopped.released()).isGreaterThanOrEqualTo(10);
        assertThat(ids(sink.delegate.records())).doesNotHaveDuplicates().hasSize(60);
        assertThat(restarted.duplicates()).isEqualTo(10);
        assertThat(stopped.written() + restarted.written() + restarted.duplicates()).isEqualTo(60);
        assertThat(source.remaining()).isZero();
    }

    @Test
    void stop_graceful_flushesLingeringBatchAndAcknowledgesWithinTimeout() {
        // given messages received but lingering: the batch is neither full nor old enough
        InMemorySink sink = InMemorySink.create();
        InMemorySource source = InMemorySource.of(logins(30));
        RunningPipeline running = fast(source).batching(50, Duration.ofHours(1)).to(sink).start();
        await("all 30 messages are received", () -> running.summary().received() == 30);
        assertThat(sink.records()).isEmpty();

        // when
        PipelineSummary summary = running.stop(Fixtures.PATIENCE);

        // then
        assertThat(running.isRunning()).isFalse();
        assertThat(running.failure()).isEmpty();
        assertThat(summary.written()).isEqualTo(30);
        assertThat(summary.released()).isZero();
        assertThat(source.remaining()).isZero();
    }

    @Test
    void start_sinkLags_pollingStopsAtTheInFlightBound() {
        // given a sink holding its first batch, and a bound of 20 in-flight messages for 200 queued
        Fixtures.GatedSink sink = new Fixtures.GatedSink(1, false);
        InMemorySource source = InMemorySource.of(logins(200));
        RunningPipeline running = fast(source).pollers(2).maxInFlight(20).batching(10, Duration.ZERO)
                .to(sink).start();
        await(sink.entered);

        // when the pollers have reached the bound and wait
        await("both pollers wait for capacity", () -> Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().contains("-poller-") && t.getState() == Thread.State.WAITING)
                .count() == 2);

        // then at most the bound plus one receive per poller is held, and nothing more was taken from the queue
        assertThat(running.summary().received()).isBetween(20L, 20L + 2 * 10);
        assertThat(source.remaining()).isEqualTo(200);

        sink.gate.countDown();
        await("the backlog is written", () -> source.remaining() == 0);
        assertThat(running.stop(Fixtures.PATIENCE).written()).isEqualTo(200);
    }

    @Test
    void run_emptyReceivesWhileAnotherPollerStillMasks_doNotEndTheRun() {
        // issue 3: empty receives counted toward the drain while messages were in flight, and messages taken by a
        // poller still running its steps were not counted as in flight at all; with a FIFO group (whose later
        // messages the queue holds back meanwhile) run() ended with half the queue unread
        CountDownLatch emptyReceives = new CountDownLatch(4);
        Fixtures.ForwardingSource source = new Fixtures.ForwardingSource(InMemorySource.create()) {
            @Override
            public List<Delivery> receive(Duration maxWait) throws InterruptedException {
                List<Delivery> deliveries = super.receive(maxWait);
                if (deliveries.isEmpty()) {
                    emptyReceives.countDown();
                }
                return deliveries;
            }
        };
        logins(20).forEach(login -> source.delegate.offer("G", login));
        AtomicBoolean first = new AtomicBoolean(true);
        Transform slowOnce = record -> {
            if (first.getAndSet(false)) {
                await(emptyReceives); // the other poller meanwhile finds the group held back
            }
            return Outcome.accept(record);
        };

        PipelineSummary summary = fast(source).pollers(2).transform(slowOnce).to(InMemorySink.create()).run();

        assertThat(summary.written()).isEqualTo(20);
        assertThat(source.delegate.remaining()).isZero();
    }

    @Test
    void start_acknowledgementFails_messageRedeliveredAndCountedAsDuplicate() {
        // given a source whose first acknowledgement fails and whose messages come back soon
        InMemorySink sink = InMemorySink.create();
        InMemorySource source = InMemorySource.create(Duration.ofMillis(100));
        logins(5).forEach(source::offer);
        source.failAcknowledgements(1, ConnectorException.Kind.DATA);

        // when
        RunningPipeline running = fast(source).pollers(1).batching(5, Duration.ofMillis(50)).to(sink).start();
        await("every message is acknowledged", () -> source.remaining() == 0);
        PipelineSummary summary = running.stop(Fixtures.PATIENCE);

        // then
        assertThat(summary.acknowledgeFailures()).isPositive();
        assertThat(summary.duplicates()).isEqualTo(summary.acknowledgeFailures());
        assertThat(ids(sink.records())).doesNotHaveDuplicates().hasSize(5);
    }
}
