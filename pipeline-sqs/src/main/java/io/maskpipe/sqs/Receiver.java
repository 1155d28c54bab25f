package io.maskpipe.sqs;

import io.maskpipe.core.spi.Delivery;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;

/**
 * The receiving half of an {@link SqsSource}: one {@code ReceiveMessage} long poll per call, asking for the system
 * attributes the metadata needs and every message attribute, and each message turned into a delivery by
 * {@link SqsMessages}. Thread-safe.
 */
final class Receiver {
    private final SqsClient client;
    private final String queueUrl;
    private final String queueName;
    private final int waitSeconds;
    private final int maxMessages;
    private final Integer visibilitySeconds;
    private final SqsMessages messages;

    Receiver(SqsClient client, SourceSettings settings) {
        this.client = client;
        this.queueUrl = settings.queueUrl();
        this.queueName = settings.queueName();
        this.waitSeconds = settings.waitSeconds();
        this.maxMessages = settings.maxMessages();
        this.visibilitySeconds = settings.visibilitySeconds();
        this.messages = new SqsMessages(queueUrl, queueName, settings.maxBodySize(), settings.decoder());
    }

    /** Receives once, waiting up to the configured wait or {@code maxWait}, whichever is shorter (whole seconds). */
    List<Delivery> receive(Duration maxWait) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException("SqsSource: interrupted before receiving");
        }
        ReceiveMessageRequest.Builder request = ReceiveMessageRequest.builder()
                .queueUrl(queueUrl)
                .maxNumberOfMessages(maxMessages)
                .waitTimeSeconds((int) Math.max(0, Math.min(waitSeconds, maxWait.getSeconds())))
                .messageSystemAttributeNames(MessageSystemAttributeName.SENT_TIMESTAMP,
                        MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT,
                        MessageSystemAttributeName.MESSAGE_GROUP_ID)
                .messageAttributeNames("All");
        if (visibilitySeconds != null) {
            request.visibilityTimeout(visibilitySeconds);
        }
        List<Message> received;
        try {
            received = client.receiveMessage(request.build()).messages();
        } catch (SdkException e) {
            if (SqsFailures.isInterruption(e)) {
                throw new InterruptedException("SqsSource: interrupted while receiving");
            }
            throw SqsFailures.sourceFailure("ReceiveMessage", queueName, e);
        }
        List<Delivery> deliveries = new ArrayList<>(received.size());
        for (Message message : received) {
            deliveries.add(messages.toDelivery(message));
        }
        return deliveries;
    }
}
