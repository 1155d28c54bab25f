package io.maskpipe.sqs;

import static io.maskpipe.sqs.Ledger.assertAddsUp;
import static io.maskpipe.sqs.Ledger.assertEachExactlyOnce;
import static io.maskpipe.sqs.Ledger.deadLettered;
import static io.maskpipe.sqs.Ledger.send;
import static io.maskpipe.sqs.Ledger.stored;
import static io.maskpipe.sqs.SqsFaultScenariosTest.VISIBILITY;
import static io.maskpipe.sqs.SqsFaultScenariosTest.pipeline;
import static io.maskpipe.sqs.SqsFaultScenariosTest.sleep;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.maskpipe.core.Masker;
import io.maskpipe.core.Pipeline;
import io.maskpipe.core.PipelineException;
import io.maskpipe.core.PipelineSummary;
import io.maskpipe.core.spi.ConnectorException;
import io.maskpipe.core.spi.Sink;
import io.maskpipe.core.spi.SinkException;
import io.maskpipe.testing.InMemorySink;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Scenarios where the run must stop, or must not claim to be drained: an Error from a custom masker, a sink whose
 * setup is wrong, a FIFO group waiting behind a rejection left for redrive. Each ends with every sent message
 * exactly one record or one dead letter and nothing left on the queue.
 */
class SqsStopScenariosTest {
    @RegisterExtension
    static final ElasticMq SQS = new ElasticMq();

    @Test
    void run_customMaskerThrowsAnError_endsWithPipelineExceptionAndNothingHangs() {
        String queue = SQS.newQueue(VISIBILITY);
        String dlq = SQS.newQueue(VISIBILITY);
        List<String> sent = send(SQS, queue, 40, Set.of(), null);
        Masker broken = (value, context) -> {
            if (value.endsWith(".17")) {
                throw new AssertionError("masker bug"); // an Error, not an exception: no rejection can hold it
            }
            return "m:" + value.length();
        };
        InMemorySink sink = InMemorySink.create();

        PipelineException failure = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            try {
                Pipeline.from(SqsSource.of(SQS.client(), queue)).mask("ip", broken).pollWait(Duration.ZERO)
                        .deadLettersUnsealed(SqsDeadLetters.of(SQS.client(), dlq)).to(sink).run();
                return null;
            } catch (PipelineException e) {
                return e;
            }
        });

        assertThat(failure).isNotNull().hasMessage("pipeline: a poller failed: java.lang.AssertionError")
                .hasCauseInstanceOf(AssertionError.class);
        assertThat(SQS.depth(dlq)).as("an Error is no rejection").isZero();
        sleep(VISIBILITY); // a receive cut short by the failure may hold messages until their timeout
        PipelineSummary summary = pipeline(SQS.client(), queue).deadLettersUnsealed(SqsDeadLetters.of(SQS.client(), dlq))
                .to(sink).run();
        assertAddsUp(summary);
        assertEachExactlyOnce(SQS, queue, sent, stored(sink.records()), deadLettered(SQS.drain(dlq)), Set.of());
    }

    @Test
    void run_sinkSetupIsWrong_stopsNamingItWithNothingDeadLettered() {
        String queue = SQS.newQueue(VISIBILITY);
        String dlq = SQS.newQueue(VISIBILITY);
        List<String> sent = send(SQS, queue, 30, Set.of(6), null);
        Sink noTable = records -> {
            throw new SinkException("relation \"logins\" does not exist (SQLSTATE 42P01)",
                    ConnectorException.Kind.SETUP, null);
        };

        assertThatThrownBy(() -> pipeline(SQS.client(), queue).deadLettersUnsealed(SqsDeadLetters.of(SQS.client(), dlq))
                .to(noTable).run())
                .isInstanceOf(PipelineException.class)
                .hasMessage("pipeline: the sink cannot be used, fix its setup: relation \"logins\" does not exist"
                        + " (SQLSTATE 42P01); every message not yet stored stays on the queue");
        assertThat(SQS.depth(dlq)).as("nothing dead-lettered").isZero();
        assertThat(SQS.depth(queue)).as("every message stays").isEqualTo(30);

        sleep(VISIBILITY);
        InMemorySink fixed = InMemorySink.create();
        PipelineSummary summary = pipeline(SQS.client(), queue).deadLettersUnsealed(SqsDeadLetters.of(SQS.client(), dlq))
                .to(fixed).run();
        assertAddsUp(summary);
        assertEachExactlyOnce(SQS, queue, sent, stored(fixed.records()), deadLettered(SQS.drain(dlq)),
                Set.of(sent.get(6)));
    }

    @Test
    void run_fifoGroupBehindARejectionWithoutDeadLetters_saysItDidNotDrain() {
        String queue = SQS.newFifoQueue(VISIBILITY);
        String dlq = SQS.newQueue(VISIBILITY);
        List<String> sent = send(SQS, queue, 30, Set.of(4), "g1");
        InMemorySink sink = InMemorySink.create();

        PipelineSummary first = Pipeline.from(SqsSource.of(SQS.client(), queue)).pollWait(Duration.ZERO).to(sink)
                .run();

        assertThat(first.leftForRedrive()).isEqualTo(1);
        assertThat(first.hidden()).isEqualTo(1);
        assertThat(first.visibleAgainBy()).isPresent();
        assertThat(first.drained()).as("a group waits behind the rejection: " + first).isFalse();
        assertThat(first.written()).isLessThan(29);
        assertThat(SQS.depth(queue)).isEqualTo(30 - first.written());
        assertAddsUp(first);

        sleep(Duration.between(Instant.now(), first.visibleAgainBy().orElseThrow()));
        PipelineSummary second = Pipeline.from(SqsSource.of(SQS.client(), queue)).pollWait(Duration.ZERO)
                .deadLettersUnsealed(SqsDeadLetters.of(SQS.client(), dlq)).to(sink).run();
        assertThat(second.drained()).isTrue();
        assertAddsUp(second);
        assertEachExactlyOnce(SQS, queue, sent, stored(sink.records()), deadLettered(SQS.drain(dlq)),
                Set.of(sent.get(4)));
    }

    @Test
    void start_queueVisibilityTimeoutUnreadable_failsWithPipelineExceptionAndLeavesNoThread() {
        String missing = SQS.endpoint() + "/000000000000/no-such-queue";
        Set<Thread> before = Thread.getAllStackTraces().keySet();

        assertThatThrownBy(() -> Pipeline.from(SqsSource.of(SQS.client(), missing)).to(InMemorySink.create())
                .start())
                .isInstanceOf(PipelineException.class)
                .hasMessageStartingWith("pipeline: the source's visibility timeout could not be read (fix the setup):"
                        + " SQS GetQueueAttributes on queue 'no-such-queue'");

        assertThat(Thread.getAllStackTraces().keySet()).filteredOn(thread -> !before.contains(thread))
                .extracting(Thread::getName).noneMatch(name -> name.startsWith("maskpipe-"));
    }
}
