package io.maskpipe.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskpipe.core.record.Outcome;
import io.maskpipe.core.record.ReasonCode;
import io.maskpipe.core.record.Rejection;
import io.maskpipe.core.spi.Delivery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesRequest;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesResponse;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * The body limit is the queue's own MaximumMessageSize unless the builder sets one, so every body SQS takes decodes.
 * ElasticMQ ignores that attribute (it logs "supported by SQS but not ElasticMQ") and does not report it, so the
 * tests that need a reported size add it to ElasticMQ's real GetQueueAttributes answer, as SQS would give it.
 */
class SqsBodySizeTest {
    @RegisterExtension
    static final ElasticMq SQS = new ElasticMq();

    private static final int KIB = 1024;

    /** A JSON object of exactly {@code bytes} UTF-8 bytes: {"pad":"xxx..."}. */
    private static String body(int bytes) {
        String start = "{\"pad\":\"";
        String end = "\"}";
        return start + "x".repeat(bytes - start.length() - end.length()) + end;
    }

    private static List<Delivery> receive(SqsSource source, int count) throws InterruptedException {
        List<Delivery> all = new ArrayList<>();
        for (int i = 0; i < 20 && all.size() < count; i++) {
            all.addAll(source.receive(Duration.ofSeconds(1)));
        }
        assertThat(all).hasSize(count);
        return all;
    }

    /**
     * Counts the GetQueueAttributes calls that ask for MaximumMessageSize and, when given a size, puts it in the
     * answer as SQS does.
     */
    private static final class ReportedSize implements ExecutionInterceptor {
        final AtomicInteger reads = new AtomicInteger();
        private final String size;

        ReportedSize(Integer size) {
            this.size = size == null ? null : size.toString();
        }

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (asksForSize(context.request())) {
                reads.incrementAndGet();
            }
        }

        @Override
        public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
            if (size == null || !asksForSize(context.request())
                    || !(context.response() instanceof GetQueueAttributesResponse response)) {
                return context.response();
            }
            Map<QueueAttributeName, String> answer = new HashMap<>(response.attributes());
            answer.put(QueueAttributeName.MAXIMUM_MESSAGE_SIZE, size);
            return response.toBuilder().attributes(answer).build();
        }

        private static boolean asksForSize(SdkRequest request) {
            return request instanceof GetQueueAttributesRequest get
                    && get.attributeNames().contains(QueueAttributeName.MAXIMUM_MESSAGE_SIZE);
        }
    }

    @Test
    void receive_queueOfOneMebibyte_decodesBodiesPast256KibibytesAndReadsTheSizeOnce() throws Exception {
        String queue = SQS.newQueue(Duration.ofSeconds(30));
        SQS.send(queue, body(256 * KIB + 1));
        SQS.send(queue, body(1024 * KIB - 64));
        ReportedSize sqs = new ReportedSize(1024 * KIB);
        try (SqsClient client = SQS.newClient(sqs); SqsSource source = SqsSource.of(client, queue)) {
            List<Delivery> deliveries = receive(source, 2);
            source.receive(Duration.ZERO);

            assertThat(deliveries).allSatisfy(d -> assertThat(d.content()).isInstanceOf(Outcome.Accepted.class));
            assertThat(sqs.reads).hasValue(1);
        }
    }

    @Test
    void receive_queueLimitBelowTheBody_rejectsAsBodyTooLargeNamingTheQueuesLimit() throws Exception {
        String queue = SQS.newQueue(Duration.ofSeconds(30));
        SQS.send(queue, body(2 * KIB));
        try (SqsClient client = SQS.newClient(new ReportedSize(1024)); SqsSource source = SqsSource.of(client, queue)) {
            Delivery delivery = receive(source, 1).get(0);

            assertThat(delivery.content()).isInstanceOfSatisfying(Outcome.Rejected.class, rejected -> {
                Rejection rejection = rejected.rejection();
                assertThat(rejection.reason()).isEqualTo(ReasonCode.BODY_TOO_LARGE);
                assertThat(rejection.toString()).contains("body is 2048 bytes, more than the limit of 1024")
                        .doesNotContain("xxx");
            });
        }
    }

    @Test
    void receive_queueReportsNoSize_decodesUpToOneMebibyte() throws Exception {
        String queue = SQS.newQueue(Duration.ofSeconds(30)); // ElasticMQ's own answer: no MaximumMessageSize
        SQS.send(queue, body(300 * KIB));
        SQS.send(queue, body(1024 * KIB)); // the most ElasticMQ (and SQS) takes
        try (SqsSource source = SqsSource.of(SQS.client(), queue)) {
            List<Delivery> deliveries = receive(source, 2);

            assertThat(deliveries).allSatisfy(d -> assertThat(d.content()).isInstanceOf(Outcome.Accepted.class));
        }
    }

    @Test
    void receive_sizeCannotBeRead_decodesUpToOneMebibyteAndReceivesAsUsual() throws Exception {
        String queue = SQS.newQueue(Duration.ofSeconds(30));
        SQS.send(queue, body(300 * KIB));
        ExecutionInterceptor deniedSize = new ExecutionInterceptor() {
            @Override
            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                if (ReportedSize.asksForSize(context.request())) {
                    throw SqsException.builder().statusCode(403).awsErrorDetails(AwsErrorDetails.builder()
                            .errorCode("AccessDenied").build()).build();
                }
            }
        };
        try (SqsClient client = SQS.newClient(deniedSize); SqsSource source = SqsSource.of(client, queue)) {
            Delivery delivery = receive(source, 1).get(0);

            assertThat(delivery.content()).isInstanceOf(Outcome.Accepted.class);
        }
    }

    @Test
    void receive_explicitMaxBodySize_winsAndTheQueueIsNotAsked() throws Exception {
        String queue = SQS.newQueue(Duration.ofSeconds(30));
        SQS.send(queue, body(300 * KIB));
        ReportedSize sqs = new ReportedSize(1024 * KIB);
        try (SqsClient client = SQS.newClient(sqs);
                SqsSource source = SqsSource.builder().client(client).queueUrl(queue).maxBodySize(256 * KIB).build()) {
            Delivery delivery = receive(source, 1).get(0);

            assertThat(delivery.content()).isInstanceOfSatisfying(Outcome.Rejected.class, rejected -> assertThat(
                    rejected.rejection().reason()).isEqualTo(ReasonCode.BODY_TOO_LARGE));
            assertThat(sqs.reads).hasValue(0);
        }
    }
}
