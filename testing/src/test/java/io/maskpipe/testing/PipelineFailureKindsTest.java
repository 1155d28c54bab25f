package io.maskpipe.testing;

import static io.maskpipe.testing.Fixtures.fast;
import static io.maskpipe.testing.Fixtures.logins;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.maskpipe.core.PipelineException;
import io.maskpipe.core.PipelineSummary;
import io.maskpipe.core.record.FieldPath;
import io.maskpipe.core.record.Record;
import io.maskpipe.core.spi.ConnectorException;
import io.maskpipe.core.spi.DeadLetters;
import io.maskpipe.core.spi.Delivery;
import io.maskpipe.core.spi.Sink;
import io.maskpipe.core.spi.SinkException;
import io.maskpipe.core.spi.Source;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The three kinds of failure (transient, the row's data, the setup) and what the engine does with each. */
class PipelineFailureKindsTest {

    @Test
    void run_sinkThrowsAnUnexpectedRuntimeException_retriedAsTransientAndNothingDeadLettered() {
        // issue 11: anything but a classified SinkException used to count as permanent, so the batch was split and
        // its records dead-lettered; an unclassified failure is now transient: the same batch is retried
        InMemorySink inner = InMemorySink.create();
        AtomicInteger calls = new AtomicInteger();
        Sink buggy = records -> {
            if (calls.incrementAndGet() <= 2) {
                throw new IllegalStateException("cannot bind " + records);
            }
            return inner.write(records);
        };
        InMemoryDeadLetters deadLetters = InMemoryDeadLetters.create();
        InMemorySource source = InMemorySource.of(logins(8));

        PipelineSummary summary = fast(source).pollers(1).batching(8, Duration.ZERO)
                .deadLettersUnsealed(deadLetters).to(buggy).run();

        assertThat(summary.written()).isEqualTo(8);
        assertThat(summary.retries()).isEqualTo(2);
        assertThat(deadLetters.letters()).isEmpty();
        assertThat(source.remaining()).isZero();
    }

    @Test
    void run_sinkSetupFailure_stopsTheRunWithNothingDeadLetteredOrAcknowledged() {
        Sink noTable = records -> {
            throw new SinkException("relation \"logins\" does not exist (SQLSTATE 42P01)",
                    ConnectorException.Kind.SETUP, null);
        };
        InMemoryDeadLetters deadLetters = InMemoryDeadLetters.create();
        InMemorySource source = InMemorySource.of(logins(8));

        assertThatThrownBy(() -> fast(source).pollers(1).batching(8, Duration.ZERO).deadLettersUnsealed(deadLetters)
                .to(noTable).run())
                .isInstanceOf(PipelineException.class)
                .hasMessage("pipeline: the sink cannot be used, fix its setup: relation \"logins\" does not exist"
                        + " (SQLSTATE 42P01); every message not yet stored stays on the queue");
        assertThat(deadLetters.letters()).isEmpty();
        assertThat(source.acknowledged()).isEmpty();
        assertThat(source.remaining()).isEqualTo(8);
    }

    @Test
    void run_acknowledgementFailsTransiently_retriedForTheFailedOnesWithoutRedelivery() {
        InMemorySink sink = InMemorySink.create();
        InMemorySource source = InMemorySource.of(logins(8));
        source.failAcknowledgements(2);

        PipelineSummary summary = fast(source).pollers(1).batching(8, Duration.ZERO).to(sink).run();

        assertThat(summary.retries()).isEqualTo(2);
        assertThat(summary.acknowledgeFailures()).isZero();
        assertThat(summary.duplicates()).isZero();
        assertThat(summary.received()).isEqualTo(8);
        assertThat(source.acknowledged()).hasSize(8);
    }

    @Test
    void run_deadLettersRefuseALetterForItsData_rejectionLeftForRedriveAndRecordsAcknowledged() {
        DeadLetters refusing = letters -> {
            throw new SinkException("dead letter too large", ConnectorException.Kind.DATA, null);
        };
        InMemorySource source = sourceWithOneMissingUserId(8);

        PipelineSummary summary = fast(source).require("user_id").deadLettersUnsealed(refusing).to(InMemorySink.create())
                .run();

        assertThat(summary.written()).isEqualTo(7);
        assertThat(summary.leftForRedrive()).isEqualTo(1);
        assertThat(summary.hidden()).isEqualTo(1);
        assertThat(summary.drained()).isFalse();
        assertThat(summary.deadLettered()).isZero();
        assertThat(source.acknowledged()).hasSize(7).doesNotContain("id-3");
    }

    @Test
    void run_deadLettersThrowAnUnexpectedRuntimeException_retriedAsTransient() {
        // issue 11: an unclassified throw used to leave the rejections for redrive; now it is retried
        AtomicInteger calls = new AtomicInteger();
        InMemoryDeadLetters inner = InMemoryDeadLetters.create();
        DeadLetters flaky = letters -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("queue gone");
            }
            inner.store(letters);
        };
        InMemorySource source = sourceWithOneMissingUserId(8);

        PipelineSummary summary = fast(source).require("user_id").deadLettersUnsealed(flaky).to(InMemorySink.create()).run();

        assertThat(summary.deadLettered()).isEqualTo(1);
        assertThat(inner.letters()).hasSize(1);
        assertThat(source.remaining()).isZero();
    }

    @Test
    void run_errorWhileReleasingAfterAnError_endsWithPipelineExceptionInsteadOfHanging() {
        // issue 11: giveBack caught RuntimeException only, so an Error there left abandon() before end()
        InMemorySource inner = InMemorySource.of(logins(6));
        Source releaseFails = new Source() {
            @Override
            public List<Delivery> receive(Duration maxWait) throws InterruptedException {
                return inner.receive(maxWait);
            }

            @Override
            public void acknowledge(List<Delivery> deliveries) {
                inner.acknowledge(deliveries);
            }

            @Override
            public void release(List<Delivery> deliveries) {
                throw new OutOfMemoryError("simulated");
            }
        };
        Sink broken = records -> {
            throw new NoClassDefFoundError("org/example/Driver");
        };

        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThatThrownBy(() -> fast(releaseFails)
                .pollers(1).batching(6, Duration.ZERO).to(broken).run())
                .isInstanceOf(PipelineException.class)
                .hasMessage("pipeline: a writer failed: java.lang.NoClassDefFoundError"));
        assertThat(inner.acknowledged()).isEmpty();
    }

    private static InMemorySource sourceWithOneMissingUserId(int n) {
        List<Record> logins = logins(n);
        InMemorySource source = InMemorySource.create();
        for (int i = 0; i < n; i++) {
            source.offer(i == 3 ? logins.get(i).without(FieldPath.of("user_id")) : logins.get(i));
        }
        return source;
    }
}
