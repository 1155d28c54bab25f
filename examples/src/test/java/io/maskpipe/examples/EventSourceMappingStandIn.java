package io.maskpipe.examples;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.maskpipe.lambda.SqsBatchHandler;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Stands in for Lambda's SQS event source mapping against a real queue: receives a batch as the mapping does (ten per
 * call, up to the batch size, every system and message attribute), builds the {@link SQSEvent} Lambda would, invokes
 * the handler, then deletes what the partial batch response did not list. When the handler throws it deletes
 * nothing: the whole batch comes back after the visibility timeout.
 */
final class EventSourceMappingStandIn {
    private final SqsClient sqs;
    private final String queueUrl;
    private final String queueArn;
    private final int batchSize;

    EventSourceMappingStandIn(SqsClient sqs, String queueUrl, int batchSize) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.queueArn = "arn:aws:sqs:us-east-1:000000000000:" + queueUrl.substring(queueUrl.lastIndexOf('/') + 1);
        this.batchSize = batchSize;
    }

    /** What one poll did. */
    record Poll(int received, List<String> failed, boolean threw) {
    }

    /** Receives one batch and invokes the handler with it, as the mapping would. */
    Poll pollOnce(SqsBatchHandler handler, Duration remainingTime) {
        List<Message> messages = receive();
        if (messages.isEmpty()) {
            return new Poll(0, List.of(), false);
        }
        SQSBatchResponse response;
        try {
            response = handler.handleRequest(event(messages), context(remainingTime));
        } catch (RuntimeException e) {
            return new Poll(messages.size(), messages.stream().map(Message::messageId).toList(), true);
        }
        List<String> failed = response.getBatchItemFailures().stream()
                .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
        Set<String> keep = Set.copyOf(failed);
        delete(messages.stream().filter(m -> !keep.contains(m.messageId())).toList());
        return new Poll(messages.size(), failed, false);
    }

    /** Hands the same batch to the handler twice, as a lost response would, then settles it like pollOnce. */
    Poll pollTwice(SqsBatchHandler handler) {
        List<Message> messages = receive();
        SQSEvent event = event(messages);
        handler.handleRequest(event, context(Duration.ofMinutes(1)));
        SQSBatchResponse response = handler.handleRequest(event, context(Duration.ofMinutes(1)));
        List<String> failed = response.getBatchItemFailures().stream()
                .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList();
        delete(messages.stream().filter(m -> !failed.contains(m.messageId())).toList());
        return new Poll(messages.size(), failed, false);
    }

    /** Polls until the queue holds nothing, visible or in flight; gives up after the deadline. */
    void drain(SqsBatchHandler handler, Duration deadline) throws InterruptedException {
        long end = System.nanoTime() + deadline.toNanos();
        while (System.nanoTime() < end) {
            Poll poll = pollOnce(handler, Duration.ofMinutes(1));
            if (poll.received() == 0) {
                if (remaining() == 0) {
                    return;
                }
                Thread.sleep(200);
            }
        }
        throw new AssertionError("queue not drained in " + deadline + ": " + remaining() + " messages left");
    }

    /** Messages still on the queue, visible or in flight. */
    int remaining() {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    private List<Message> receive() {
        List<Message> messages = new ArrayList<>();
        while (messages.size() < batchSize) {
            int want = Math.min(10, batchSize - messages.size());
            List<Message> got = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(want)
                    .waitTimeSeconds(0).messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                    .messageAttributeNames("All")).messages();
            if (got.isEmpty()) {
                break;
            }
            messages.addAll(got);
        }
        return messages;
    }

    private void delete(List<Message> done) {
        for (int from = 0; from < done.size(); from += 10) {
            List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = from; i < Math.min(done.size(), from + 10); i++) {
                entries.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(i))
                        .receiptHandle(done.get(i).receiptHandle()).build());
            }
            sqs.deleteMessageBatch(r -> r.queueUrl(queueUrl).entries(entries));
        }
    }

    /** The event as Lambda builds it: ids, handles, bodies, system attributes by their API names, message attributes. */
    private SQSEvent event(List<Message> messages) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (Message m : messages) {
            SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
            record.setMessageId(m.messageId());
            record.setReceiptHandle(m.receiptHandle());
            record.setBody(m.body());
            record.setMd5OfBody(m.md5OfBody());
            record.setEventSource("aws:sqs");
            record.setEventSourceArn(queueArn);
            record.setAwsRegion("us-east-1");
            record.setAttributes(new HashMap<>(m.attributesAsStrings()));
            record.setMessageAttributes(m.messageAttributes().entrySet().stream().collect(Collectors.toMap(
                    Map.Entry::getKey, e -> {
                        SQSEvent.MessageAttribute attribute = new SQSEvent.MessageAttribute();
                        attribute.setDataType(e.getValue().dataType());
                        attribute.setStringValue(e.getValue().stringValue());
                        return attribute;
                    })));
            records.add(record);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }

    /** A context that reports the given remaining time; the handler reads nothing else. */
    static Context context(Duration remainingTime) {
        return (Context) Proxy.newProxyInstance(Context.class.getClassLoader(), new Class<?>[] {Context.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getRemainingTimeInMillis" -> (int) remainingTime.toMillis();
                    case "getAwsRequestId" -> "stand-in";
                    case "toString" -> "StandInContext";
                    default -> null;
                });
    }
}
