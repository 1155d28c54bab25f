package io.maskpipe.testing;

import static io.maskpipe.testing.Fixtures.fast;
import static io.maskpipe.testing.Fixtures.ids;
import static io.maskpipe.testing.Fixtures.logins;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskpipe.core.Pipeline;
import io.maskpipe.core.PipelineException;
import io.maskpipe.core.PipelineListener;
import io.maskpipe.core.PipelineSummary;
import io.maskpipe.core.RunningPipeline;
import io.maskpipe.core.Transform;
import io.maskpipe.core.record.FieldPath;
import io.maskpipe.core.record.Outcome;
import io.maskpipe.core.record.ReasonCode;
import io.maskpipe.core.record.Record;
import io.maskpipe.core.spi.DeadLetters;
import io.maskpipe.core.spi.Delivery;
import io.maskpipe.core.spi.Sink;
import io.maskpipe.core.spi.SinkException;
import io.maskpipe.core.spi.Source;
import io.maskpipe.core.spi.SourceException;
import io.maskpipe.core.spi.WriteResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * What the engine does when the parts plugged into it misbehave: nothing is acknowledged before it is stored, and
 * every received message is accounted for. Regressions of issue 3 unless said otherwise.
 */
class PipelineFailureTest {

    @Test
    void run_sinkReturnsAnImmutableResultList_recordsWritten() {
        // issue 3: the result check called List.contains(null), which List.of(...) refuses with an exception
        InMemorySink inner = InMemorySink.create();
        Sink immutable = records -> List.copyOf(inner.write(records));
        InMemorySource source = InMemorySource.of(logins(12));

        PipelineSummary summary = fast(source).to(immutable).run();

        assertThat(summary.written()).isEqualTo(12);
        assertThat(summary.rejected()).isZero();
        assertThat(source.remaining()).isZero();
    }

    @Test
    void run_sinkReturnsTooFewResults_failsAndAcknowledgesNothing() {
        // issue 3: a sink that breaks its contract may have stored the batch; dead-lettering each record as
        // SINK_REJECTED would acknowledge stored records as rejected, so the run fails instead
        InMemorySink inner = InMemorySink.create();
        Sink dropsOne = records -> inner.write(records).subList(1, records.size());
        InMemoryDeadLetters deadLetters = InMemoryDeadLetters.create();
        InMemorySource source = InMemorySource.of(logins(5));

        assertThatThrownBy(() -> fast(source).pollers(1).batching(5, Duration.ZERO).deadLettersUnsealed(deadLetters)
                .to(dropsOne).run())
                .isInstanceOf(PipelineException.class)
                .hasMessage("pipeline: the sink returned 4 results for a batch of 5 records");
        assertThat(source.acknowledged()).isEmpty();
        assertThat(deadLetters.letters()).isEmpty();
        assertThat(source.remaining()).isEqualTo(5);
    }

    @Test
    void start_sinkThrowsAnError_failsAndReleasesTheBatch() throws InterruptedException {
        // issue 3: an Error escaped the writer, which dropped its batch from the books and went on as if nothing
        // had happened
        Sink broken = records -> {
            throw new NoClassDefFoundError("org/example/Driver");
        };
        InMemorySource source = InMemorySource.of(logins(6));

        RunningPipeline running = fast(source).pollers(1).batching(6, Duration.ZERO).to(broken).start();

        assertThat(running.awaitTermination(Fixtures.PATIENCE)).isTrue();
        assertThat(running.failure()).get().satisfies(failure -> {
            assertThat(failure).hasMessage("pipeline: a writer failed: java.lang.NoClassDefFoundError");
            assertThat(failure.getCause()).isInstanceOf(NoClassDefFoundError.class);
        });
        assertThat(running.summary().released()).isEqualTo(running.summary().received()).isPositive();
        assertThat(source.acknowledged()).isEmpty();
    }

    @Test
    void run_deadLetterRetriesExhausted_recordsOfTheSameBatchStillAcknowledged() {
        // issue 3: the records were stored and settled, but the failing dead-letter store skipped their
        // acknowledgement, so they came back as duplicates although nothing had gone wrong with them
        DeadLetters flaky = letters -> {
            throw new SinkException("dead-letter queue throttled", true, null);
        };
        InMemorySink sink = InMemorySink.create();
        InMemorySource source = sourceWithOneMissingUserId(8);

        assertThatThrownBy(() -> Pipeline.from(source).pollWait(Duration.ofMillis(5)).pollers(1)
                .retry(Duration.ofMillis(1), Duration.ofMillis(1), 2).batching(8, Duration.ZERO)
                .require("user_id").deadLettersUnsealed(flaky).to(sink).run())
                .isInstanceOf(PipelineException.class)
                .hasMessage("pipeline: dead-letter store failed 2 times, the last time: dead-letter queue throttled");
        assertThat(ids(sink.records())).hasSize(7);
        assertThat(source.acknowledged()).containsExactlyInAnyOrderElementsOf(ids(sink.records()));
        assertThat(source.remaining()).isEqualTo(1);
    }

    @Test
    void run_sinkInterruptsItsOwnThread_failsAndReleasesTheBatch() {
        // issue 3: the writer swallowed an interrupt it had not asked for and dropped its batch from the books;
        // the run then ended "successfully" with messages neither written, rejected nor released
        InMemorySink inner = InMemorySink.create();
        AtomicBoolean first = new AtomicBoolean(true);
        Sink interrupting = records -> {
            if (first.getAndSet(false)) {
                Thread.currentThread().interrupt(); // as a pool does when its wait is interrupted
                throw new SinkException("connection pool: wait interrupted", true, null);
            }
            return inner.write(records);
        };
        InMemorySource source = InMemorySource.of(logins(5));

        assertThatThrownBy(() -> fast(source).pollers(1).batching(5, Duration.ZERO).to(interrupting).run())
                .isInstanceOf(PipelineException.class)
                .hasMessage("pipeline: a writer thread was interrupted by something other than the pipeline");
        assertThat(source.acknowledged()).isEmpty();
        assertThat(source.remaining()).isEqualTo(5);
    }

    @Test
    void start_sourceInterruptsItsPoller_failsInsteadOfHanging() throws InterruptedException {
        // issue 3: the only poller ended quietly on an interrupt the engine had not sent, leaving a run that
        // neither received nor ended
        Source interrupted = new Source() {
            @Override
            public List<Delivery> receive(Duration maxWait) throws InterruptedException {
                throw new InterruptedException();
            }

            @Override
            public void acknowledge(List<Delivery> deliveries) {
            }
        };

        RunningPipeline running = fast(interrupted).pollers(1).to(InMemorySink.create()).start();
        try {
            assertThat(running.awaitTermination(Fixtures.PATIENCE)).isTrue();
            assertThat(running.failure()).get().extracting(Throwable::getMessage)
                    .isEqualTo("pipeline: a poller thread was interrupted by something other than the pipeline");
        } finally {
            running.stop(Duration.ZERO);
        }
    }

    @Test
    void run_listenerThrowsAnError_ignoredAndEverythingAcknowledged() {
        // issue 3: only RuntimeExceptions were kept from the engine; an Error from a listener (a metrics class
        // missing at run time) skipped the batch's acknowledgement
        PipelineListener missingMetrics = new PipelineListener() {
            @Override
            public void written(int count) {
                throw new NoClassDefFoundError("io/micrometer/core/instrument/Counter");
            }
        };
        InMemorySource source = InMemorySource.of(logins(20));

        PipelineSummary summary = fast(source).listener(missingMetrics).to(InMemorySink.create()).run();

        assertThat(summary.written()).isEqualTo(20);
        assertThat(source.remaining()).isZero();
        assertThat(CapturingLoggerFinder.lines())
                .anyMatch(line -> line.contains("listener threw java.lang.NoClassDefFoundError, ignored"));
    }

    @Test
    void run_threads_areNamedAndNoneOutlivesTheRun() {
        // issue 3: run() returned while its writer and scheduler threads were still shutting down
        AtomicReference<Thread> poller = new AtomicReference<>();
        AtomicReference<Thread> writer = new AtomicReference<>();
        InMemorySource inner = InMemorySource.of(logins(30));
        InMemorySink sink = InMemorySink.create();
        Source watched = new Fixtures.ForwardingSource(inner) {
            @Override
            public List<Delivery> receive(Duration maxWait) throws InterruptedException {
                poller.compareAndSet(null, Thread.currentThread());
                return super.receive(maxWait);
            }
        };
        Sink watchedSink = records -> {
            writer.compareAndSet(null, Thread.currentThread());
            return sink.write(records);
        };

        fast(watched).to(watchedSink).run();

        assertThat(poller.get().getName()).matches("maskpipe-\\d+-poller-\\d+");
        assertThat(writer.get().getName()).matches("maskpipe-\\d+-writer-\\d+");
        assertThat(poller.get().isDaemon()).isFalse();
        String run = poller.get().getName().substring(0, poller.get().getName().indexOf("-poller-") + 1);
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith(run) && t.isAlive());
    }

    @Test
    void stop_whileThePollerBacksOff_endsWithoutWaitingOutTheBackoff() {
        // issue 3: a poller slept through its whole backoff (up to maxDelay) before it noticed the stop, so a
        // graceful stop ran into its timeout
        CountDownLatch failed = new CountDownLatch(1);
        AtomicReference<String> pollerName = new AtomicReference<>();
        Source unreachable = new Fixtures.ForwardingSource(InMemorySource.create()) {
            @Override
            public List<Delivery> receive(Duration maxWait) {
                pollerName.set(Thread.currentThread().getName());
                failed.countDown();
                throw new SourceException("queue endpoint unreachable", true, null);
            }
        };
        RunningPipeline running = Pipeline.from(unreachable).pollers(1).retry(Duration.ofHours(1), Duration.ofHours(1))
                .to(InMemorySink.create()).start();
        Fixtures.await(failed);

        running.stop(Fixtures.PATIENCE);

        String name = pollerName.get();
        String run = "pipeline " + name.substring("maskpipe-".length(), name.indexOf("-poller-")) + ":";
        assertThat(running.isRunning()).isFalse();
        assertThat(CapturingLoggerFinder.lines()).noneMatch(line -> line.contains(run + " stop timed out"));
    }

    private static InMemorySource sourceWithOneMissingUserId(int n) {
        InMemorySource source = InMemorySource.create();
        for (Record login : logins(n)) {
            source.offer("id-3".equals(login.metadata().messageId().orElseThrow())
                    ? login.without(FieldPath.of("user_id")) : login);
        }
        return source;
    }
}
