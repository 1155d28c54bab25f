package io.maskpipe.testing;

import static io.maskpipe.testing.Fixtures.LENGTH;
import static io.maskpipe.testing.Fixtures.fast;
import static io.maskpipe.testing.Fixtures.ids;
import static io.maskpipe.testing.Fixtures.logins;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskpipe.core.Pipeline;
import io.maskpipe.core.PipelineException;
import io.maskpipe.core.PipelineListener;
import io.maskpipe.core.PipelineSummary;
import io.maskpipe.core.Transform;
import io.maskpipe.core.record.FieldPath;
import io.maskpipe.core.record.Metadata;
import io.maskpipe.core.record.Outcome;
import io.maskpipe.core.record.ReasonCode;
import io.maskpipe.core.record.Record;
import io.maskpipe.core.record.Rejection;
import io.maskpipe.core.record.Value;
import io.maskpipe.core.spi.DeadLetter;
import io.maskpipe.core.spi.Delivery;
import io.maskpipe.core.spi.Source;
import io.maskpipe.core.spi.SourceException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Pipeline scenarios: what comes in, what is written, acknowledged, dead-lettered or left. */
class PipelineTest {

    @Test
    void run_nMessages_allWrittenOnceAndAcknowledgedAfterStorage() {
        // given
        InMemorySink sink = InMemorySink.create();
        Fixtures.AuditedSource source = new Fixtures.AuditedSource(InMemorySource.of(logins(250)), sink, null);

        // when
        PipelineSummary summary = fast(source).mask("ip", LENGTH).pollers(3).batching(40, Duration.ofMillis(5))
                .to(sink).run();

        // then
        assertThat(summary.received()).isEqualTo(250);
        assertThat(summary.written()).isEqualTo(250);
        assertThat(summary.rejected()).isZero();
        assertThat(ids(sink.records())).doesNotHaveDuplicates().hasSize(250);
        assertThat(sink.records()).allSatisfy(r -> assertThat(r.textOrNull("ip")).startsWith("m("));
        assertThat(source.delegate.remaining()).isZero();
        assertThat(source.earlyAcknowledgements).isEmpty();
    }

    @Test
    void run_redeliveredMessages_countedAsDuplicates() {
        // given a sink that stored these 20 messages before
        InMemorySink sink = InMemorySink.create();
        fast(InMemorySource.of(logins(20))).to(sink).run();

        // when they are delivered again
        PipelineSummary summary = fast(InMemorySource.of(logins(20))).to(sink).run();

        // then
        assertThat(summary.duplicates()).isEqualTo(20);
        assertThat(summary.written()).isZero();
        assertThat(sink.records()).hasSize(20);
    }

    @Test
    void run_sinkFailsTransientlyMidRun_nothingAcknowledgedEarlyAndAllWrittenOnce() {
        // given a sink that fails three times after its first batch
        InMemorySink sink = InMemorySink.create();
        Fixtures.AuditedSource source = new Fixtures.AuditedSource(InMemorySource.of(logins(100)), sink, null);
        PipelineListener failAfterFirstBatch = new PipelineListener() {
            private boolean armed = true;

            @Override
            public synchronized void batchWritten(int size, Duration latency) {
                if (armed) {
                    armed = false;
                    sink.failTransiently(3);
                }
            }
        };

        // when
        PipelineSummary summary = fast(source).batching(10, Duration.ZERO).listener(failAfterFirstBatch)
                .to(sink).run();

        // then
        assertThat(summary.retries()).isEqualTo(3);
        assertThat(summary.written()).isEqualTo(100);
        assertThat(ids(sink.records())).doesNotHaveDuplicates().hasSize(100);
        assertThat(source.earlyAcknowledgements).isEmpty();
        assertThat(source.delegate.remaining()).isZero();
    }

    @Test
    void run_poisonRecordInBatch_splitOutAsSinkRejectedAndOthersWritten() {
        // given
        InMemorySink sink = InMemorySink.create();
        sink.refuse("id-7");
        InMemoryDeadLetters deadLetters = InMemoryDeadLetters.create();
        InMemorySource source = InMemorySource.of(logins(50));

        // when
        PipelineSummary summary = fast(source).batching(50, Duration.ofMillis(20)).pollers(1)
                .deadLettersUnsealed(deadLetters).to(sink).run();

        // then
        assertThat(summary.written()).isEqualTo(49);
        assertThat(summary.rejectedByReason()).isEqualTo(Map.of(ReasonCode.SINK_REJECTED, 1L));
        assertThat(ids(sink.records())).doesNotContain("id-7").hasSize(49);
        assertThat(deadLetters.letters()).singleElement().satisfies(letter -> {
            assertThat(letter.delivery().id()).isEqualTo("id-7");
            assertThat(letter.rejection()).hasToString("SINK_REJECTED: refused by the sink: in-memory sink: batch"
                    + " refused, it holds a refused message id");
        });
        assertThat(source.remaining()).isZero();
    }

    @Test
    void run_rejectionsWithDeadLetters_storedThenAcknowledged() {
        // given two messages without an email and one whose body could not be decoded
        InMemorySink sink = InMemorySink.create();
        InMemoryDeadLetters deadLetters = InMemoryDeadLetters.create();
        InMemorySource inner = InMemorySource.create();
        for (int i = 0; i < 10; i++) {
            Record login = Fixtures.login(i);
            inner.offer(i % 5 == 0 ? login : login.with("email", "e" + i));
        }
        inner.offerUndecodable("broken", Rejection.of(ReasonCode.MALFORMED_JSON, "not valid JSON at line 1"));
        Fixtures.AuditedSource source = new Fixtures.AuditedSource(inner, sink, deadLetters);

        // when
        PipelineSummary summary = fast(source).require("email").deadLettersUnsealed(deadLetters).to(sink).run();

        // then
        assertThat(summary.written()).isEqualTo(8);
        assertThat(summary.rejectedByReason())
                .isEqualTo(Map.of(ReasonCode.MISSING_FIELD, 2L, ReasonCode.MALFORMED_JSON, 1L));
        assertThat(summary.deadLettered()).isEqualTo(3);
        assertThat(deadLetters.letters()).extracting(letter -> letter.delivery().id())
                .containsExactlyInAnyOrder("id-0", "id-5", "broken");
        assertThat(deadLetters.letters()).extracting(DeadLetter::rejection).contains(
                Rejection.of(ReasonCode.MISSING_FIELD, FieldPath.of("email"), "required but absent"));
        assertThat(inner.remaining()).isZero();
        assertThat(source.earlyAcknowledgements).isEmpty();
    }

    @Test
    void run_rejectionsWithoutDeadLetters_leftUnacknowledgedAndCounted() {
        // given
        InMemorySource source = InMemorySource.create();
        for (int i = 0; i < 10; i++) {
            Record login = Fixtures.login(i);
            source.offer(i < 3 ? login.with("ip", Value.of(List.of())) : login);
        }

        // when
        PipelineSummary summary = fast(source).mask("ip", LENGTH).to(InMemorySink.create()).run();

        // then
        assertThat(summary.written()).isEqualTo(7);
        assertThat(summary.rejectedByReason()).isEqualTo(Map.of(ReasonCode.WRONG_TYPE, 3L));
        assertThat(summary.leftForRedrive()).isEqualTo(3);
        assertThat(summary.deadLettered()).isZero();
        assertThat(source.remaining()).isEqualTo(3);
        assertThat(source.acknowledged()).doesNotContain("id-0", "id-1", "id-2");
    }

    @Test
    void run_customTransformThrows_messageRejectedAndPipelineGoesOn() {
        InMemoryDeadLetters deadLetters = InMemoryDeadLetters.create();
        Transform failsOnFive = record -> {
            if ("u5".equals(record.textOrNull("user_id"))) {
                throw new IllegalStateException("boom");
            }
            return Outcome.accept(record);
        };

        PipelineSummary summary = fast(InMemorySource.of(logins(10))).transform(failsOnFive)
                .deadLettersUnsealed(deadLetters).to(InMemorySink.create()).run();

        assertThat(summary.written()).isEqualTo(9);
        assertThat(deadLetters.letters()).singleElement().extracting(DeadLetter::rejection)
                .hasToString("TRANSFORM_FAILED: transform threw java.lang.IllegalStateException");
    }

    @Test
    void run_fifoGroupsWithConcurrentWriters_eachGroupWrittenInOrder() {
        // given two interleaved groups, small batches, four writers and a sink with random delays
        InMemorySink inner = InMemorySink.create();
        Random random = new Random(42);
        io.maskpipe.core.spi.Sink jittery = records -> {
            try {
                Thread.sleep(random.nextInt(3));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return inner.write(records);
        };
        InMemorySource source = InMemorySource.create();
        for (int i = 0; i < 60; i++) {
            source.offer(i % 2 == 0 ? "A" : "B", Fixtures.login(i));
        }

        // when
        PipelineSummary summary = fast(source).writers(4).batching(2, Duration.ZERO).to(jittery).run();

        // then
        assertThat(summary.written()).isEqualTo(60);
        List<Integer> order = ids(inner.records()).stream().map(id -> Integer.parseInt(id.substring(3))).toList();
        assertThat(order.stream().filter(i -> i % 2 == 0).toList()).isSorted();
        assertThat(order.stream().filter(i -> i % 2 == 1).toList()).isSorted();
    }

    @Test
    void run_retriesExhausted_failsAndLeavesMessagesUnacknowledged() {
        InMemorySink sink = InMemorySink.create();
        sink.failTransiently(1000);
        InMemorySource source = InMemorySource.of(logins(5));

        assertThatThrownBy(() -> Pipeline.from(source).pollWait(Duration.ofMillis(5))
                .retry(Duration.ofMillis(1), Duration.ofMillis(1), 3).to(sink).run())
                .isInstanceOf(PipelineException.class)
                .hasMessage("pipeline: sink write failed 3 times, the last time: in-memory sink: write failed"
                        + " (simulated transient failure)");
        assertThat(source.remaining()).isEqualTo(5);
        assertThat(source.acknowledged()).isEmpty();
    }

    @Test
    void run_sourceFailsPermanently_failsNamingTheSource() {
        Source missingQueue = new Source() {
            @Override
            public List<Delivery> receive(Duration maxWait) {
                throw new SourceException("queue 'logins' does not exist", false, null);
            }

            @Override
            public void acknowledge(List<Delivery> deliveries) {
            }
        };

        assertThatThrownBy(() -> fast(missingQueue).to(InMemorySink.create()).run())
                .isInstanceOf(PipelineException.class)
                .hasMessage("pipeline: the source cannot be used, fix its setup: queue 'logins' does not exist;"
                        + " every message stays on the queue");
    }

    @Test
    void run_slowBatch_visibilityExtendedSoNothingIsRedelivered() {
        // given a visibility timeout the first batch outlasts: the sink holds it until the heartbeat extended it
        Fixtures.GatedSink sink = new Fixtures.GatedSink(1, false);
        Fixtures.AuditedSource source = new Fixtures.AuditedSource(
                InMemorySource.create(Duration.ofMillis(200)).offer(Fixtures.login(1)), sink.delegate, null);
        Thread opener = new Thread(() -> {
            Fixtures.await(source.extended);
            sink.gate.countDown();
        });
        opener.start();

        // when
        PipelineSummary summary = fast(source).to(sink).run();

        // then
        assertThat(source.extensions.get()).isPositive();
        assertThat(summary.received()).isEqualTo(1);
        assertThat(summary.written()).isEqualTo(1);
        assertThat(sink.delegate.records()).singleElement()
                .satisfies(r -> assertThat(r.metadata().get(Metadata.RECEIVE_COUNT)).contains("1"));
    }
}
