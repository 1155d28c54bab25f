package io.maskpipe.testing;

import static io.maskpipe.testing.Fixtures.fast;
import static org.assertj.core.api.Assertions.assertThat;

import io.maskpipe.core.Masker;
import io.maskpipe.core.PipelineListener;
import io.maskpipe.core.PipelineSummary;
import io.maskpipe.core.record.FieldPath;
import io.maskpipe.core.record.Metadata;
import io.maskpipe.core.record.ReasonCode;
import io.maskpipe.core.record.Record;
import io.maskpipe.core.record.Rejection;
import io.maskpipe.core.spi.ConnectorException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The listener hears everything; logs and rejections never carry a value. */
class PipelineObservabilityTest {
    private static final String SECRET = "198.51.100.23";

    /** Counts every event. */
    static final class CountingListener implements PipelineListener {
        final AtomicLong received = new AtomicLong();
        final AtomicLong written = new AtomicLong();
        final AtomicLong duplicates = new AtomicLong();
        final AtomicLong rejected = new AtomicLong();
        final AtomicLong deadLettered = new AtomicLong();
        final AtomicLong retried = new AtomicLong();
        final AtomicLong batchRecords = new AtomicLong();
        final AtomicLong acknowledgeFailed = new AtomicLong();

        @Override
        public void received(int count) {
            received.addAndGet(count);
        }

        @Override
        public void written(int count) {
            written.addAndGet(count);
        }

        @Override
        public void duplicates(int count) {
            duplicates.addAndGet(count);
        }

        @Override
        public void rejected(String messageId, Rejection rejection, boolean stored) {
            rejected.incrementAndGet();
            if (stored) {
                deadLettered.incrementAndGet();
            }
        }

        @Override
        public void retried(int attempt, Duration delay, ConnectorException failure) {
            retried.incrementAndGet();
        }

        @Override
        public void batchWritten(int size, Duration latency) {
            batchRecords.addAndGet(size);
        }

        @Override
        public void acknowledgeFailed(int count, RuntimeException failure) {
            acknowledgeFailed.addAndGet(count);
        }
    }

    private static InMemorySource eventfulSource() {
        InMemorySource source = InMemorySource.create(Duration.ofMillis(300));
        for (int i = 0; i < 40; i++) {
            Record login = Fixtures.login(i).with("ip", SECRET);
            source.offer(i == 3 ? login.without(FieldPath.of("user_id")) : login);
        }
        source.offerUndecodable("broken", Rejection.of(ReasonCode.MALFORMED_JSON, "not valid JSON at line 1"));
        return source;
    }

    @Test
    void listener_everyEvent_matchesTheSummary() {
        // given a duplicate, a transient failure, a poison record, a missing field, a bad body, a failed ack
        InMemorySink sink = InMemorySink.create();
        sink.write(List.of(Fixtures.login(0)));
        sink.failTransiently(2);
        sink.refuse("id-9");
        InMemorySource source = eventfulSource();
        source.failAcknowledgements(1, ConnectorException.Kind.DATA); // given up on: they come back, deduplicated
        CountingListener listener = new CountingListener();

        // when
        PipelineSummary summary = fast(source).require("user_id").deadLettersUnsealed(InMemoryDeadLetters.create())
                .listener(listener).to(sink).run();

        // then
        // each message whose acknowledgement was given up on came back once
        assertThat(listener.received.get()).isEqualTo(summary.received())
                .isEqualTo(41 + summary.acknowledgeFailures());
        assertThat(listener.written.get()).isEqualTo(summary.written()).isEqualTo(37);
        assertThat(listener.duplicates.get()).isEqualTo(summary.duplicates())
                .isEqualTo(1 + summary.acknowledgeFailures());
        assertThat(listener.rejected.get()).isEqualTo(summary.rejected()).isEqualTo(3);
        assertThat(listener.deadLettered.get()).isEqualTo(summary.deadLettered()).isEqualTo(3);
        assertThat(listener.retried.get()).isEqualTo(summary.retries()).isEqualTo(2);
        // the refused id-9 and the sink's duplicates went through batches; redelivered dead letters did not
        assertThat(listener.batchRecords.get()).isBetween(summary.written() + 2,
                summary.written() + summary.duplicates() + 1);
        assertThat(listener.acknowledgeFailed.get()).isEqualTo(summary.acknowledgeFailures()).isPositive();
        assertThat(summary.hidden()).isZero();
        assertThat(summary.drained()).isTrue();
        assertThat(source.remaining()).isZero();
    }

    @Test
    void logsAndRejections_valuesInMessagesAndListeners_neverShowTheValue() {
        // given a masker and a listener whose exceptions quote the value, and rejections of every kind
        Masker leaky = (value, context) -> {
            if (value.equals(SECRET)) {
                throw new IllegalArgumentException("cannot mask " + value);
            }
            return "m";
        };
        PipelineListener throwing = new PipelineListener() {
            @Override
            public void received(int count) {
                throw new IllegalStateException("listener saw " + SECRET);
            }
        };
        InMemorySource source = eventfulSource();
        source.offer(Record.builder().put("ip", "10.1.1.1").put("user_id", SECRET)
                .metadata(Metadata.empty().with(Metadata.MESSAGE_ID, "ok")).build());
        InMemorySink sink = InMemorySink.create();
        sink.refuse("ok");
        sink.failTransiently(1);
        InMemoryDeadLetters deadLetters = InMemoryDeadLetters.create();

        // when
        PipelineSummary summary = fast(source).require("user_id").mask("ip", leaky).deadLettersUnsealed(deadLetters)
                .listener(throwing).to(sink).run();

        // then
        assertThat(summary.rejectedByReason()).containsEntry(ReasonCode.MASKER_FAILED, 39L)
                .containsEntry(ReasonCode.SINK_REJECTED, 1L);
        List<String> lines = CapturingLoggerFinder.lines();
        assertThat(lines).anyMatch(line -> line.contains("rejected (dead-lettered): MASKER_FAILED: field 'ip':"
                + " masker threw java.lang.IllegalArgumentException"));
        assertThat(lines).anyMatch(line -> line.startsWith("INFO") && line.contains(" ended: received=42"));
        assertThat(lines).anyMatch(line -> line.contains("listener threw java.lang.IllegalStateException"));
        assertThat(lines).noneMatch(line -> line.contains(SECRET));
        assertThat(deadLetters.letters()).noneMatch(letter -> letter.toString().contains(SECRET)
                || letter.rejection().toString().contains(SECRET));
        assertThat(summary.toString()).doesNotContain(SECRET);
    }
}
