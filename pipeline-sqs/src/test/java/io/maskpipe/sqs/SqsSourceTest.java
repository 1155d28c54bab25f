package io.maskpipe.sqs;

import static io.maskpipe.sqs.ElasticMq.text;
import static io.maskpipe.sqs.SourceSettings.DEFAULT_MAX_BODY_SIZE;
import static io.maskpipe.sqs.SourceSettings.DEFAULT_MAX_CONCURRENT_BATCH_CALLS;
import static io.maskpipe.sqs.SourceSettings.DEFAULT_MAX_MESSAGES;
import static io.maskpipe.sqs.SourceSettings.DEFAULT_MAX_NESTING_DEPTH;
import static io.maskpipe.sqs.SourceSettings.DEFAULT_WAIT_SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.maskpipe.core.record.Metadata;
import io.maskpipe.core.record.Outcome;
import io.maskpipe.core.record.Record;
import io.maskpipe.core.record.Value;
import io.maskpipe.core.spi.ConnectorException;
import io.maskpipe.core.spi.Delivery;
import io.maskpipe.core.spi.SourceException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;

class SqsSourceTest {
    @RegisterExtension
    static final ElasticMq SQS = new ElasticMq();

    private static final Duration SHORT = Duration.ofSeconds(1);

    @Test
    void receive_jsonBody_decodesRecordWithSqsMetadata() throws Exception {
        String queue = SQS.newQueue(Duration.ofSeconds(30));
        String id = SQS.send(queue, "{\"ip\":\"10.0.0.1\",\"n\":1.50,\"big\":12345678901234567890,"
                        + "\"device\":{\"id\":\"d-1\",\"tags\":[\"a\",null]},\"locale\":null}",
                r -> r.messageAttributes(Map.of("tenant", text("acme"))));
        SqsSource source = SqsSource.of(SQS.client(), queue);

        List<Delivery> deliveries = receiveAll(source, 1);

        Delivery delivery = deliveries.get(0);
        assertThat(delivery.id()).isEqualTo(id);
        assertThat(delivery.group()).isEmpty();
        assertThat(delivery.body()).hasValueSatisfying(body -> assertThat(body).startsWith("{\"ip\""));
        Record record = ((Outcome.Accepted) delivery.content()).record();
        assertThat(record.textOrNull("ip")).isEqualTo("10.0.0.1");
        assertThat(record.get("n")).contains(Value.of(new BigDecimal("1.50")));
        assertThat(record.get("big")).contains(Value.of(new BigDecimal("12345678901234567890")));
        assertThat(record.textOrNull("device.id")).isEqualTo("d-1");
        assertThat(record.get("device.tags[1]")).contains(Value.nullValue());
        assertThat(record.get("locale")).contains(Value.nullValue());
        assertThat(record.get("absent")).isEmpty();
        Metadata metadata = record.metadata();
        assertThat(metadata).isEqualTo(delivery.metadata());
        assertThat(metadata.messageId()).contains(id);
        assertThat(metadata.sentTime()).isPresent();
        assertThat(metadata.get(Metadata.RECEIVE_COUNT)).contains("1");
        assertThat(metadata.get(SqsSource.ATTRIBUTE_PREFIX + "tenant")).contains("acme");
    }

    @Test
    void acknowledge_moreThanTenMessages_deletesThemAll() throws Exception {
        String queue = SQS.newQueue(Duration.ofSeconds(30));
        for (int i = 0; i < 25; i++) {
            SQS.send(queue, "{\"i\":" + i + "}");
        }
        SqsSource source = SqsSource.of(SQS.client(), queue);

        source.acknowledge(receiveAll(source, 25));

        assertThat(SQS.depth(queue)).isZero();
    }

    @Test
    void acknowledge_250Messages_deletesThemAllWithConcurrentCalls() throws Exception {
        String queue = SQS.newQueue(Duration.ofSeconds(60));
        for (int i = 0; i < 250; i++) {
            SQS.send(queue, "{\"i\":" + i + "}");
        }
        // The first two deletes wait for each other: sent one after another, they would never both arrive.
        MeetingDeletes meeting = new MeetingDeletes(2);
        try (SqsClient client = SQS.newClient(meeting)) {
            SqsSource source = SqsSource.builder().client(client).queueUrl(queue).build();

            source.acknowledge(receiveAll(source, 250));

            assertThat(meeting.calls.get()).isEqualTo(25);
            assertThat(meeting.threads).anyMatch(name -> name.startsWith("maskpipe-sqs-batch-"));
            assertThat(SQS.depth(queue)).isZero();
            source.close();
        }
    }

    @Test
    void acknowledge_entryFailsInOneOfSeveralChunks_sendsEachChunkOnceAndNamesTheFailedDelivery() throws Exception {
        String queue = queueHolding(25);
        CorruptDeleteOf corrupt = new CorruptDeleteOf(Integer.MAX_VALUE);
        try (SqsClient client = SQS.newClient(corrupt)) {
            SqsSource source = sourceOn(client, queue);
            List<Delivery> deliveries = receiveAll(source, 25);
            corrupt.target = ((Receipt) deliveries.get(14).receipt()).handle(); // in the second of three chunks

            assertThatThrownBy(() -> source.acknowledge(deliveries))
                    .isInstanceOfSatisfying(SourceException.class, e -> {
                        assertThat(e.kind()).isEqualTo(ConnectorException.Kind.DATA);
                        assertThat(e.failedIds()).contains(Set.of(deliveries.get(14).id()));
                    })
                    .hasMessageStartingWith("SQS DeleteMessageBatch on queue '" + SqsSource.queueNameOf(queue)
                            + "': 1 of 25 messages not deleted: 1 failed (ReceiptHandleIsInvalid x1)");
            assertThat(corrupt.calls.get()).isEqualTo(3); // each chunk once: the engine retries, not the source
            assertThat(SQS.depth(queue)).isEqualTo(1);
        }
    }

    @Test
    void acknowledge_afterClose_stillDeletesOnTheCallingThread() throws Exception {
        String queue = queueHolding(25);
        SqsSource source = SqsSource.of(SQS.client(), queue);
        List<Delivery> deliveries = receiveAll(source, 25);
        source.close();

        source.acknowledge(deliveries);

        assertThat(SQS.depth(queue)).isZero();
    }

    @Test
    void release_receivedMessage_isDeliveredAgainAtOnce() throws Exception {
        String queue = SQS.newQueue(Duration.ofSeconds(60));
        String id = SQS.send(queue, "{}");
        SqsSource source = SqsSource.of(SQS.client(), queue);

        source.release(receiveAll(source, 1));
        Delivery again = receiveAll(source, 1).get(0);

        assertThat(again.id()).isEqualTo(id);
        assertThat(again.metadata().get(Metadata.RECEIVE_COUNT)).contains("2");
    }

    @Test
    void extendVisibility_toOneSecond_bringsMessageBackAfterIt() throws Exception {
        // The queue hides messages for a minute; a working ChangeMessageVisibilityBatch brings it back in a second.
        String queue = SQS.newQueue(Duration.ofSeconds(60));
        String id = SQS.send(queue, "{}");
        SqsSource source = SqsSource.of(SQS.client(), queue);

        source.extendVisibility(receiveAll(source, 1), SHORT);

        assertThat(receiveAll(source, 1).get(0).id()).isEqualTo(id);
    }

    @Test
    void visibilityTimeout_notConfigured_isReadFromTheQueue() {
        String queue = SQS.newQueue(Duration.ofSeconds(7));

        assertThat(SqsSource.of(SQS.client(), queue).visibilityTimeout()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void visibilityTimeout_configured_isAskedForOnEachReceive() throws Exception {
        String queue = SQS.newQueue(Duration.ofSeconds(60));
        String id = SQS.send(queue, "{}");
        SqsSource source = SqsSource.builder().client(SQS.client()).queueUrl(queue)
                .visibilityTimeout(SHORT).build();

        receiveAll(source, 1);

        assertThat(source.visibilityTimeout()).isEqualTo(SHORT);
        assertThat(receiveAll(source, 1).get(0).id()).isEqualTo(id); // back after 1 s, not 60
    }

    @Test
    void receive_fifoQueue_givesMessageGroupAsDeliveryGroup() throws Exception {
        String queue = SQS.newFifoQueue(Duration.ofSeconds(30));
        SQS.send(queue, "{\"user\":\"u1\"}", r -> r.messageGroupId("user-1").messageDeduplicationId("m1"));
        SqsSource source = SqsSource.of(SQS.client(), queue);

        Delivery delivery = receiveAll(source, 1).get(0);

        assertThat(delivery.group()).contains("user-1");
        assertThat(delivery.metadata().get(SqsSource.MESSAGE_GROUP_ID)).contains("user-1");
    }

    @Test
    void acknowledge_failedDeliveryAloneAcknowledgedAgain_isDeleted() throws Exception {
        String queue = SQS.newQueue(Duration.ofSeconds(30));
        for (int i = 0; i < 3; i++) {
            SQS.send(queue, "{}");
        }
        CorruptFirstDeleteEntry corrupt = new CorruptFirstDeleteEntry(1);
        try (SqsClient client = SQS.newClient(corrupt)) {
            SqsSource source = sourceOn(client, queue);
            List<Delivery> deliveries = receiveAll(source, 3);

            SourceException failure = catchThrowableOfType(() -> source.acknowledge(deliveries),
                    SourceException.class);
            List<Delivery> failed = deliveries.stream()
                    .filter(d -> failure.failedIds().orElseThrow().contains(d.id())).toList();
            source.acknowledge(failed); // what the engine does with the failed ids

            assertThat(failed).hasSize(1);
            assertThat(failure.getMessage()).endsWith("1 of 3 messages not deleted: 1 failed (ReceiptHandleIsInvalid"
                    + " x1)");
            assertThat(corrupt.calls.get()).isEqualTo(2);
            assertThat(SQS.depth(queue)).isZero();
        }
    }

    @Test
    void receive_queueDoesNotExist_throwsPermanentFailureNamingQueueAndCode() {
        SqsSource source = SqsSource.of(SQS.client(), SQS.endpoint() + "/000000000000/missing");

        assertThatThrownBy(() -> source.receive(Duration.ZERO))
                .isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.kind())
                        .isEqualTo(ConnectorException.Kind.SETUP))
                .hasMessageStartingWith("SQS ReceiveMessage on queue 'missing': ")
                .hasMessage("SQS ReceiveMessage on queue 'missing': QueueDoesNotExist (HTTP 400)");
    }

    @Test
    void receive_endpointUnreachable_throwsTransientFailure() {
        SqsSource source = SqsSource.builder().queueUrl("http://127.0.0.1:1/000000000000/q")
                .endpointOverride(java.net.URI.create("http://127.0.0.1:1")).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                .build();

        assertThatThrownBy(() -> source.receive(Duration.ZERO))
                .isInstanceOfSatisfying(SourceException.class, e -> assertThat(e.isTransient()).isTrue())
                .hasMessageStartingWith("SQS ReceiveMessage on queue 'q': client error");
        source.close();
    }

    @Test
    void builder_withoutClient_buildsItsOwnFromEndpointAndCredentials() throws Exception {
        String queue = SQS.newQueue(Duration.ofSeconds(30));
        SQS.send(queue, "{}");
        try (SqsSource source = SqsSource.builder().queueUrl(queue).endpointOverride(SQS.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                .waitTime(Duration.ofSeconds(1)).maxMessages(5).build()) {

            source.acknowledge(receiveAll(source, 1));
        }
        assertThat(SQS.depth(queue)).isZero();
    }

    @Test
    void receive_interruptedThread_throwsInterruptedException() {
        SqsSource source = SqsSource.of(SQS.client(), SQS.newQueue(SHORT));
        Thread.currentThread().interrupt();

        assertThatThrownBy(() -> source.receive(Duration.ofSeconds(1))).isInstanceOf(InterruptedException.class);
        assertThat(Thread.interrupted()).isFalse();
    }

    @Test
    void acknowledge_deliveryFromAnotherQueue_isRefused() throws Exception {
        String other = SQS.newQueue(Duration.ofSeconds(30));
        SQS.send(other, "{}");
        Delivery foreign = receiveAll(SqsSource.of(SQS.client(), other), 1).get(0);
        SqsSource source = SqsSource.of(SQS.client(), SQS.newQueue(SHORT));

        assertThatThrownBy(() -> source.acknowledge(List.of(foreign)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("delivery '" + foreign.id() + "': not received from queue '"
                        + SqsSource.queueNameOf(source.queueUrl()) + "'");
    }

    @Test
    void toString_namesQueueOnly() {
        assertThat(SqsSource.of(SQS.client(), SQS.endpoint() + "/000000000000/logins"))
                .hasToString("SqsSource[queue=logins]");
    }

    /** Returns a new queue with a 30 s visibility timeout holding {@code messages} empty objects. */
    static String queueHolding(int messages) {
        String queue = SQS.newQueue(Duration.ofSeconds(30));
        for (int i = 0; i < messages; i++) {
            SQS.send(queue, "{}");
        }
        return queue;
    }

    /** Returns a source with the builder's defaults on the client. */
    static SqsSource sourceOn(SqsClient client, String queue) {
        SourceSettings settings = new SourceSettings(queue, DEFAULT_WAIT_SECONDS, DEFAULT_MAX_MESSAGES, null,
                DEFAULT_MAX_BODY_SIZE, new JsonBodyDecoder(DEFAULT_MAX_NESTING_DEPTH),
                DEFAULT_MAX_CONCURRENT_BATCH_CALLS);
        return new SqsSource(settings, client, false);
    }

    /** Receives until {@code count} messages have come, long-polling; fails the test if SQS runs dry first. */
    static List<Delivery> receiveAll(SqsSource source, int count) throws InterruptedException {
        List<Delivery> all = new ArrayList<>();
        for (int empty = 0; all.size() < count && empty < 3; ) {
            List<Delivery> batch = source.receive(Duration.ofSeconds(5));
            empty = batch.isEmpty() ? empty + 1 : 0;
            all.addAll(batch);
        }
        assertThat(all).hasSize(count);
        return all;
    }

    /** Replaces the receipt handle {@code target} in the first {@code times} delete batches holding it. */
    static final class CorruptDeleteOf implements ExecutionInterceptor {
        final AtomicInteger calls = new AtomicInteger();
        private final AtomicInteger corrupted = new AtomicInteger();
        private final int times;
        volatile String target;

        CorruptDeleteOf(int times) {
            this.times = times;
        }

        @Override
        public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
            if (!(context.request() instanceof DeleteMessageBatchRequest request)) {
                return context.request();
            }
            calls.incrementAndGet();
            List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>(request.entries());
            for (int i = 0; i < entries.size(); i++) {
                if (entries.get(i).receiptHandle().equals(target) && corrupted.getAndIncrement() < times) {
                    entries.set(i, entries.get(i).toBuilder().receiptHandle("bogus").build());
                }
            }
            return request.toBuilder().entries(entries).build();
        }
    }

    /** Holds the first {@code parties} delete calls until all have arrived; records every delete's thread. */
    static final class MeetingDeletes implements ExecutionInterceptor {
        final AtomicInteger calls = new AtomicInteger();
        final Set<String> threads = ConcurrentHashMap.newKeySet();
        private final CyclicBarrier barrier;
        private final int parties;

        MeetingDeletes(int parties) {
            this.parties = parties;
            this.barrier = new CyclicBarrier(parties);
        }

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (!(context.request() instanceof DeleteMessageBatchRequest)) {
                return;
            }
            threads.add(Thread.currentThread().getName());
            if (calls.incrementAndGet() <= parties) {
                try {
                    barrier.await(30, TimeUnit.SECONDS); // a hang guard, not a timing assertion
                } catch (Exception e) {
                    throw new IllegalStateException("deletes were not sent concurrently", e);
                }
            }
        }
    }

    /** Replaces the first entry's receipt handle of the first {@code times} delete batches with a bogus one. */
    static final class CorruptFirstDeleteEntry implements ExecutionInterceptor {
        final AtomicInteger calls = new AtomicInteger();
        private final int times;

        CorruptFirstDeleteEntry(int times) {
            this.times = times;
        }

        @Override
        public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
            if (!(context.request() instanceof DeleteMessageBatchRequest request)
                    || calls.getAndIncrement() >= times) {
                return context.request();
            }
            List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>(request.entries());
            entries.set(0, entries.get(0).toBuilder().receiptHandle("bogus").build());
            return request.toBuilder().entries(entries).build();
        }
    }
}
