package io.maskpipe.sqs;

import static io.maskpipe.sqs.Ledger.assertAddsUp;
import static io.maskpipe.sqs.Ledger.assertEachExactlyOnce;
import static io.maskpipe.sqs.Ledger.deadLettered;
import static io.maskpipe.sqs.Ledger.send;
import static io.maskpipe.sqs.Ledger.stored;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskpipe.core.Masker;
import io.maskpipe.core.Pipeline;
import io.maskpipe.core.PipelineException;
import io.maskpipe.core.PipelineStage;
import io.maskpipe.core.PipelineSummary;
import io.maskpipe.testing.InMemorySink;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;

/**
 * SQS faults under a real pipeline on ElasticMQ, one test per scenario. Each ends by checking that every sent message
 * is exactly one stored record or one dead letter, none is left on the queue, and the summary adds up.
 */
class SqsFaultScenariosTest {
    @RegisterExtension
    static final ElasticMq SQS = new ElasticMq();

    static final Duration VISIBILITY = Duration.ofSeconds(2);
    static final Masker MASK = (value, context) -> "m:" + Integer.toHexString(value.hashCode());

    /** A pipeline on the client and queue with quick polls and retries. */
    static PipelineStage pipeline(SqsClient client, String queue) {
        return Pipeline.from(SqsSource.of(client, queue)).mask("ip", MASK).pollWait(Duration.ZERO)
                .retry(Duration.ofMillis(20), Duration.ofMillis(200));
    }

    @Test
    void run_someDeleteEntriesFail_retriesThoseAloneAndDeletesEverything() {
        String queue = SQS.newQueue(VISIBILITY);
        List<String> sent = send(SQS, queue, 200, Set.of(), null);
        FaultyBatches faults = new FaultyBatches().deletes(0.2);
        InMemorySink sink = InMemorySink.create();

        PipelineSummary summary;
        try (SqsClient client = SQS.newClient(faults)) {
            summary = pipeline(client, queue).to(sink).run();
        }

        assertThat(faults.failedDeletes.get()).isPositive();
        assertThat(summary.retries()).isPositive();
        assertThat(summary.acknowledgeFailures()).isZero();
        assertThat(summary.received()).isEqualTo(200);
        assertThat(summary.written()).isEqualTo(200);
        assertThat(summary.hidden()).isZero();
        assertThat(summary.drained()).isTrue();
        assertAddsUp(summary);
        assertEachExactlyOnce(SQS, queue, sent, stored(sink.records()), Set.of(), Set.of());
    }

    @Test
    void run_someReceiptsInvalidAtDelete_drainWaitsForThemAndCountsPerMessage() {
        String queue = SQS.newQueue(VISIBILITY);
        List<String> sent = send(SQS, queue, 60, Set.of(), null);
        CorruptReceipts corrupt = new CorruptReceipts(5);
        InMemorySink sink = InMemorySink.create();

        PipelineSummary summary;
        try (SqsClient client = SQS.newClient(corrupt)) {
            summary = pipeline(client, queue).to(sink).run();
        }

        assertThat(summary.acknowledgeFailures()).isEqualTo(5); // per message, not per batch
        assertThat(summary.duplicates()).isEqualTo(5); // the run waited for them to come back
        assertThat(summary.received()).isEqualTo(65);
        assertThat(summary.hidden()).isZero();
        assertThat(summary.drained()).isTrue();
        assertAddsUp(summary);
        assertEachExactlyOnce(SQS, queue, sent, stored(sink.records()), Set.of(), Set.of());
    }

    @Test
    void run_receivesFail_backsOffAndWritesEverything() {
        String queue = SQS.newQueue(VISIBILITY);
        List<String> sent = send(SQS, queue, 100, Set.of(), null);
        FaultyBatches faults = new FaultyBatches().receives(0.3);
        InMemorySink sink = InMemorySink.create();

        PipelineSummary summary;
        try (SqsClient client = SQS.newClient(faults)) {
            summary = pipeline(client, queue).emptyReceivesToDrain(5).to(sink).run();
        }

        assertThat(faults.failedReceives.get()).isPositive();
        assertThat(summary.written()).isEqualTo(100);
        assertAddsUp(summary);
        assertEachExactlyOnce(SQS, queue, sent, stored(sink.records()), Set.of(), Set.of());
    }

    @Test
    void run_deadLetterQueueMissing_stopsWithSetupErrorAndLosesNothing() {
        String queue = SQS.newQueue(VISIBILITY);
        String dlq = SQS.newQueue(VISIBILITY);
        String dlqName = SqsSource.queueNameOf(dlq);
        SQS.client().deleteQueue(r -> r.queueUrl(dlq));
        List<String> sent = send(SQS, queue, 30, Set.of(4, 17), null);
        InMemorySink sink = InMemorySink.create();

        assertThatThrownBy(() -> pipeline(SQS.client(), queue).deadLettersUnsealed(SqsDeadLetters.of(SQS.client(), dlq))
                .batching(30, Duration.ofMillis(300)).to(sink).run())
                .isInstanceOf(PipelineException.class)
                .hasMessageStartingWith("pipeline: the dead-letter destination cannot be used, fix its setup: SQS"
                        + " SendMessageBatch on queue '" + dlqName + "'");
        int writtenFirst = sink.records().size();
        assertThat(SQS.depth(queue)).as("every unstored message stays").isEqualTo(30 - writtenFirst);

        String again = SQS.client().createQueue(r -> r.queueName(dlqName)).queueUrl();
        assertThat(SQS.depth(again)).as("nothing dead-lettered").isZero();
        sleep(VISIBILITY); // a receive cut short by the stop may hold messages until their timeout
        PipelineSummary summary = pipeline(SQS.client(), queue).deadLettersUnsealed(SqsDeadLetters.of(SQS.client(), again))
                .to(sink).run();

        assertAddsUp(summary);
        assertEachExactlyOnce(SQS, queue, sent, stored(sink.records()), deadLettered(SQS.drain(again)),
                Set.of(sent.get(4), sent.get(17)));
    }

    @Test
    void run_deadLetterStoreFailsForAWhile_writtenStayHiddenAndNoLetterStoredTwice() {
        String queue = SQS.newQueue(VISIBILITY);
        String dlq = SQS.newQueue(VISIBILITY);
        Set<Integer> bad = Set.of(1, 4, 7, 10, 13, 16, 19, 22, 25, 28);
        List<String> sent = send(SQS, queue, 30, bad, null);
        // From the first dead letter's send on, every send fails for longer than the visibility timeout: counted
        // from that first attempt, so a slow start cannot shrink the window.
        long[] firstAttempt = {0};
        FaultyBatches faults = new FaultyBatches().sendsWhile(() -> {
            synchronized (firstAttempt) {
                if (firstAttempt[0] == 0) {
                    firstAttempt[0] = System.nanoTime();
                }
                return System.nanoTime() - firstAttempt[0] < Duration.ofMillis(3500).toNanos();
            }
        });
        InMemorySink sink = InMemorySink.create();

        PipelineSummary summary;
        try (SqsClient client = SQS.newClient(faults)) {
            summary = pipeline(SQS.client(), queue).deadLettersUnsealed(SqsDeadLetters.of(client, dlq))
                    .batching(100, Duration.ofMillis(500)).to(sink).run();
        }

        assertThat(faults.failedSends.get()).isPositive();
        assertThat(summary.received()).as("nothing redelivered meanwhile").isEqualTo(30);
        assertThat(summary.duplicates()).isZero();
        assertThat(summary.deadLettered()).isEqualTo(10);
        assertAddsUp(summary);
        Set<String> expectedDead = new java.util.HashSet<>();
        bad.forEach(i -> expectedDead.add(sent.get(i)));
        assertEachExactlyOnce(SQS, queue, sent, stored(sink.records()), deadLettered(SQS.drain(dlq)), expectedDead);
    }

    @Test
    void run_deletesOfDeadLetteredMessagesFail_redeliveredRejectionsNotStoredTwice() {
        String queue = SQS.newQueue(VISIBILITY);
        String dlq = SQS.newQueue(VISIBILITY);
        List<String> sent = send(SQS, queue, 20, Set.of(2, 9, 15), null);
        CorruptReceipts corrupt = new CorruptReceipts(20); // every message's first delete fails
        InMemorySink sink = InMemorySink.create();

        PipelineSummary summary;
        try (SqsClient client = SQS.newClient(corrupt)) {
            summary = pipeline(client, queue).deadLettersUnsealed(SqsDeadLetters.of(SQS.client(), dlq))
                    .batching(20, Duration.ofMillis(300)).to(sink).run();
        }

        assertThat(summary.acknowledgeFailures()).isEqualTo(20);
        assertThat(summary.duplicates()).as("17 records and 3 rejections came back").isEqualTo(20);
        assertThat(summary.deadLettered()).isEqualTo(3);
        assertThat(summary.hidden()).isZero();
        assertAddsUp(summary);
        assertEachExactlyOnce(SQS, queue, sent, stored(sink.records()), deadLettered(SQS.drain(dlq)),
                Set.of(sent.get(2), sent.get(9), sent.get(15)));
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis() + 300);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Gives the first {@code count} delete entries a receipt handle SQS refuses (ReceiptHandleIsInvalid). */
    static final class CorruptReceipts implements ExecutionInterceptor {
        private final AtomicInteger left;

        CorruptReceipts(int count) {
            this.left = new AtomicInteger(count);
        }

        @Override
        public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
            if (!(context.request() instanceof DeleteMessageBatchRequest request)) {
                return context.request();
            }
            List<DeleteMessageBatchRequestEntry> entries = new java.util.ArrayList<>(request.entries());
            for (int i = 0; i < entries.size(); i++) {
                if (left.getAndDecrement() > 0) {
                    entries.set(i, entries.get(i).toBuilder().receiptHandle("bogus").build());
                }
            }
            return request.toBuilder().entries(entries).build();
        }
    }
}
