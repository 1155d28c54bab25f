package io.maskpipe.sqs;

import io.maskpipe.core.spi.Delivery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;

/**
 * The receiving half of an {@link SqsSource}: one {@code ReceiveMessage} long poll per call, asking for the system
 * attributes the metadata needs and every message attribute, and each message turned into a delivery by
 * {@link SqsMessages}, whose body limit is the queue's {@code MaximumMessageSize} unless one was set. Thread-safe.
 */
final class Receiver {
    private static final Logger LOG = LoggerFactory.getLogger(SqsSource.class);
    private final SqsClient client;
    private final String queueUrl;
    private final String queueName;
    private final int waitSeconds;
    private final ReceiveMessageRequest[] requests;
    private final BodyDecoder decoder;
    /** Decodes with the body limit; made at the first receive when the limit is the queue's own. */
    private volatile SqsMessages messages;

    Receiver(SqsClient client, SourceSettings settings) {
        this.client = client;
        this.queueUrl = settings.queueUrl();
        this.queueName = settings.queueName();
        this.waitSeconds = settings.waitSeconds();
        this.requests = requests(settings);
        this.decoder = settings.decoder();
        int maxBodySize = settings.maxBodySize();
        this.messages = maxBodySize == SourceSettings.QUEUE_MAX_BODY_SIZE ? null
                : new SqsMessages(queueUrl, queueName, maxBodySize, decoder);
    }

    /**
     * Returns the decoder with the configured body limit, or else the queue's {@code MaximumMessageSize}, read once
     * with {@code GetQueueAttributes} (as the visibility timeout is). When the queue does not report it or cannot be
     * asked (no permission, say), bodies up to {@link SourceSettings#DEFAULT_MAX_BODY_SIZE}, the most SQS accepts,
     * are decoded, so no body the queue takes is refused; a warning says so.
     */
    private SqsMessages messages() throws InterruptedException {
        SqsMessages current = messages;
        return current != null ? current : queueMessages();
    }

    /** Reads the queue's limit once, whichever poller comes first; the others wait for it. */
    private synchronized SqsMessages queueMessages() throws InterruptedException {
        SqsMessages current = messages;
        if (current == null) {
            int limit = SourceSettings.DEFAULT_MAX_BODY_SIZE;
            try {
                String size = client.getQueueAttributes(r -> r.queueUrl(queueUrl)
                        .attributeNames(QueueAttributeName.MAXIMUM_MESSAGE_SIZE))
                        .attributes().get(QueueAttributeName.MAXIMUM_MESSAGE_SIZE);
                limit = Math.max(1, Integer.parseInt(size));
            } catch (NumberFormatException e) { // also null: an SQS look-alike without the attribute
                LOG.warn("SqsSource: queue '{}' reports no MaximumMessageSize; bodies up to {} bytes are decoded "
                        + "(set maxBodySize to choose)", queueName, limit);
            } catch (SdkException e) {
                if (SqsFailures.isInterruption(e)) {
                    throw new InterruptedException("SqsSource: interrupted while reading the queue's attributes");
                }
                LOG.warn("{}; bodies up to {} bytes are decoded (set maxBodySize to choose)",
                        SqsFailures.sourceFailure("GetQueueAttributes", queueName, e).getMessage(), limit);
            }
            current = new SqsMessages(queueUrl, queueName, limit, decoder);
            messages = current;
        }
        return current;
    }

    /**
     * Receives once, waiting up to the configured wait or {@code maxWait}, whichever is shorter. SQS long-polls in
     * whole seconds, so the part of that wait below a second is waited out here when SQS answers with no message:
     * an empty receive never returns sooner than the wait asked for, and a poller with a wait under a second makes
     * one short poll per wait instead of spinning through empty receives.
     */
    List<Delivery> receive(Duration maxWait) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("SqsSource: interrupted before receiving");
        }
        long start = System.nanoTime();
        SqsMessages decoder = messages();
        Duration wait = maxWait.compareTo(Duration.ofSeconds(waitSeconds)) < 0 ? maxWait
                : Duration.ofSeconds(waitSeconds);
        List<Message> received;
        try {
            received = client.receiveMessage(requests[(int) Math.max(0, wait.getSeconds())]).messages();
        } catch (SdkException e) {
            if (SqsFailures.isInterruption(e)) {
                throw new InterruptedException("SqsSource: interrupted while receiving");
            }
            throw SqsFailures.sourceFailure("ReceiveMessage", queueName, e);
        }
        if (received.isEmpty()) {
            waitOut(start, wait);
        }
        List<Delivery> deliveries = new ArrayList<>(received.size());
        for (Message message : received) {
            deliveries.add(decoder.toDelivery(message));
        }
        return deliveries;
    }

    /** Sleeps until {@code wait} has passed since {@code start}, if it has not yet. */
    private static void waitOut(long start, Duration wait) throws InterruptedException {
        long left = wait.toNanos() - (System.nanoTime() - start);
        if (left > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(left);
            } catch (InterruptedException e) {
                throw new InterruptedException("SqsSource: interrupted while waiting after an empty receive");
            }
        }
    }

    /**
     * The receive requests, one per whole-second wait from 0 to {@code waitSeconds}, built once: each asks for the
     * system attributes the metadata needs, every message attribute, and the configured visibility timeout.
     */
    private static ReceiveMessageRequest[] requests(SourceSettings settings) {
        ReceiveMessageRequest[] requests = new ReceiveMessageRequest[settings.waitSeconds() + 1];
        for (int seconds = 0; seconds < requests.length; seconds++) {
            ReceiveMessageRequest.Builder request = ReceiveMessageRequest.builder()
                    .queueUrl(settings.queueUrl())
                    .maxNumberOfMessages(settings.maxMessages())
                    .waitTimeSeconds(seconds)
                    .messageSystemAttributeNames(MessageSystemAttributeName.SENT_TIMESTAMP,
                            MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT,
                            MessageSystemAttributeName.MESSAGE_GROUP_ID)
                    .messageAttributeNames("All");
            if (settings.visibilitySeconds() != null) {
                request.visibilityTimeout(settings.visibilitySeconds());
            }
            requests[seconds] = request.build();
        }
        return requests;
    }
}
