package io.maskpipe.benchmarks;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResultEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/**
 * An {@link SqsClient} with no network behind it, for measuring what maskpipe does per message apart from the SDK's
 * request machinery: {@code ReceiveMessage} hands out pre-built responses in turn (the messages SQS would return,
 * with ids, receipt handles, the sent time and receive count), {@code DeleteMessageBatch} answers that every entry
 * was deleted. Every other call is unsupported. It serves without end, or, after {@link #serve(long)}, that many
 * messages and then empty receives, each after a short pause as an empty short poll would take. Thread-safe; not a
 * test double for behaviour: the SQS tests use ElasticMQ.
 */
final class PreloadedSqsClient implements SqsClient {
    private static final ReceiveMessageResponse EMPTY = ReceiveMessageResponse.builder().messages(List.of()).build();
    private static final long EMPTY_PAUSE_MILLIS = 5;

    private final List<ReceiveMessageResponse> responses;
    private int next;
    private long deleted;
    private long remaining = Long.MAX_VALUE;

    private PreloadedSqsClient(List<ReceiveMessageResponse> responses) {
        this.responses = responses;
    }

    /**
     * Makes one response per {@code perReceive} bodies (the last may be shorter), each message with a fresh id, a
     * receipt handle as long as SQS's, a sent time and a receive count of 1.
     */
    static PreloadedSqsClient of(List<String> bodies, int perReceive) {
        SecureRandom random = new SecureRandom();
        long sent = 1_780_000_000_000L;
        List<ReceiveMessageResponse> responses = new ArrayList<>();
        for (int from = 0; from < bodies.size(); from += perReceive) {
            List<Message> messages = new ArrayList<>(perReceive);
            for (String body : bodies.subList(from, Math.min(bodies.size(), from + perReceive))) {
                byte[] handle = new byte[132];
                random.nextBytes(handle);
                messages.add(Message.builder()
                        .messageId(UUID.randomUUID().toString())
                        .receiptHandle(Base64.getEncoder().encodeToString(handle))
                        .body(body)
                        .attributes(Map.of(MessageSystemAttributeName.SENT_TIMESTAMP, Long.toString(sent++),
                                MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "1"))
                        .build());
            }
            responses.add(ReceiveMessageResponse.builder().messages(messages).build());
        }
        return new PreloadedSqsClient(responses);
    }

    /** From now on, serves {@code messages} more messages (whole responses), then empty receives. */
    synchronized void serve(long messages) {
        remaining = messages;
    }

    @Override
    public ReceiveMessageResponse receiveMessage(ReceiveMessageRequest request) {
        synchronized (this) {
            if (remaining > 0) {
                ReceiveMessageResponse response = responses.get(next);
                next = (next + 1) % responses.size();
                remaining -= response.messages().size();
                return response;
            }
        }
        try {
            Thread.sleep(EMPTY_PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return EMPTY;
    }

    @Override
    public DeleteMessageBatchResponse deleteMessageBatch(DeleteMessageBatchRequest request) {
        List<DeleteMessageBatchResultEntry> ok = new ArrayList<>(request.entries().size());
        request.entries().forEach(entry -> ok.add(DeleteMessageBatchResultEntry.builder().id(entry.id()).build()));
        synchronized (this) {
            deleted += ok.size();
        }
        return DeleteMessageBatchResponse.builder().successful(ok).build();
    }

    /** How many entries {@code DeleteMessageBatch} was asked to delete so far. */
    synchronized long deleted() {
        return deleted;
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {
    }
}
