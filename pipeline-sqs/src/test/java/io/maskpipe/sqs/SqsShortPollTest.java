package io.maskpipe.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskpipe.core.spi.Delivery;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;

/**
 * A wait under a second is a short poll for SQS (it long-polls in whole seconds): the source waits out the rest
 * itself when the queue has nothing, so a poller with the example's 250 ms {@code pollWait} does not spin.
 */
class SqsShortPollTest {
    @RegisterExtension
    static final ElasticMq SQS = new ElasticMq();

    @Test
    void receive_waitUnderASecondOnAnEmptyQueue_makesOneShortPollAndReturnsNoSoonerThanTheWait() throws Exception {
        ReceiveWaits waits = new ReceiveWaits();
        try (SqsClient sqs = SQS.newClient(waits);
             SqsSource source = SqsSource.builder().client(sqs).queueUrl(SQS.newQueue(Duration.ofSeconds(30)))
                     .maxBodySize(1024).build()) {
            Duration maxWait = Duration.ofMillis(300);
            long start = System.nanoTime();

            List<Delivery> deliveries = source.receive(maxWait);

            assertThat(deliveries).isEmpty();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(maxWait);
            assertThat(waits.seconds).containsExactly(0);
        }
    }

    @Test
    void receive_waitUnderASecondWithMessages_returnsThemFromOneShortPoll() throws Exception {
        ReceiveWaits waits = new ReceiveWaits();
        String queue = SQS.newQueue(Duration.ofSeconds(30));
        String id = SQS.send(queue, "{\"n\":1}");
        try (SqsClient sqs = SQS.newClient(waits);
             SqsSource source = SqsSource.builder().client(sqs).queueUrl(queue).maxBodySize(1024).build()) {

            List<Delivery> deliveries = source.receive(Duration.ofMillis(250));

            assertThat(deliveries).extracting(Delivery::id).containsExactly(id);
            assertThat(waits.seconds).containsExactly(0);
        }
    }

    @Test
    void receive_waitOfOneAndAHalfSeconds_longPollsOneSecond() throws Exception {
        ReceiveWaits waits = new ReceiveWaits();
        try (SqsClient sqs = SQS.newClient(waits);
             SqsSource source = SqsSource.builder().client(sqs).queueUrl(SQS.newQueue(Duration.ofSeconds(30)))
                     .maxBodySize(1024).build()) {
            Duration maxWait = Duration.ofMillis(1_500);
            long start = System.nanoTime();

            assertThat(source.receive(maxWait)).isEmpty();

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(maxWait);
            assertThat(waits.seconds).containsExactly(1);
        }
    }

    /** Notes the {@code WaitTimeSeconds} of every {@code ReceiveMessage} call. */
    private static final class ReceiveWaits implements ExecutionInterceptor {
        final List<Integer> seconds = new CopyOnWriteArrayList<>();

        @Override
        public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
            if (context.request() instanceof ReceiveMessageRequest receive) {
                seconds.add(receive.waitTimeSeconds());
            }
        }
    }
}
