package io.maskpipe.sqs;

import io.maskpipe.core.PipelineException;
import io.maskpipe.core.ReplaySummary;
import io.maskpipe.core.SealedDeadLetter;
import io.maskpipe.core.SealedDeadLetterException;
import io.maskpipe.core.key.KeyId;
import io.maskpipe.core.key.Keyring;
import io.maskpipe.core.record.ReasonCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * One run of an {@link SqsReplay}: receive, filter, open, resend, then delete, one letter at a time; letters left
 * are made visible again at the end. Logs message ids, reason codes and key ids, never a body. Not thread-safe.
 */
final class ReplayRun {
    private static final Logger LOG = LoggerFactory.getLogger(SqsReplay.class);
    private static final int EMPTY_RECEIVES_TO_STOP = 2;
    private static final String DEFAULT_GROUP = "maskpipe-replay";

    private final SqsClient client;
    private final String deadLetterQueueUrl;
    private final String targetUrl;
    private final Keyring ring;
    private final SealedDeadLetter.Opener opener;
    private final Set<ReasonCode> reasonsOrNull;
    private final Duration visibilityTimeout;
    private final boolean fifoTarget;
    private final List<String> left = new ArrayList<>();
    private long read;
    private long resent;
    private long skipped;
    private long unopened;
    private long undeleted;

    ReplayRun(SqsClient client, String deadLetterQueueUrl, String targetUrl, Keyring ring,
            Set<ReasonCode> reasonsOrNull, Duration visibilityTimeout) {
        this.client = client;
        this.deadLetterQueueUrl = deadLetterQueueUrl;
        this.targetUrl = targetUrl;
        this.ring = ring;
        this.opener = SealedDeadLetter.opener(ring);
        this.reasonsOrNull = reasonsOrNull;
        this.visibilityTimeout = visibilityTimeout;
        this.fifoTarget = SqsSource.queueNameOf(targetUrl).endsWith(".fifo");
    }

    ReplaySummary run() {
        try {
            int empty = 0;
            while (empty < EMPTY_RECEIVES_TO_STOP && !Thread.currentThread().isInterrupted()) {
                List<Message> messages = receive();
                empty = messages.isEmpty() ? empty + 1 : 0;
                for (Message message : messages) {
                    if (Thread.currentThread().isInterrupted()) {
                        left.add(message.receiptHandle());
                        continue;
                    }
                    replay(message);
                }
            }
        } finally {
            release();
        }
        ReplaySummary summary = new ReplaySummary(read, resent, skipped, unopened, undeleted);
        LOG.info("replay: {} read, {} resent, {} skipped for their reason, {} not opened, {} resent but not deleted",
                read, resent, skipped, unopened, undeleted);
        return summary;
    }

    private void replay(Message message) {
        read++;
        String id = attribute(message, SqsDeadLetters.SOURCE_MESSAGE_ID);
        String reason = attribute(message, SqsDeadLetters.REASON);
        if (reasonsOrNull != null
                && (reason == null || reasonsOrNull.stream().noneMatch(r -> r.name().equals(reason)))) {
            skipped++;
            left.add(message.receiptHandle());
            return;
        }
        SealedDeadLetter original = id == null ? null : openOrNull(id, message.body());
        if (original == null || original.body().isEmpty()) {
            unopened++;
            left.add(message.receiptHandle());
            if (original != null) {
                LOG.warn("replay: dead letter of message {} left on the queue: its source kept no body", id);
            }
            return;
        }
        Map<String, MessageAttributeValue> attributes = SqsReplay.attributesOf(original);
        if (attributes.isEmpty()) {
            skipped++;
            left.add(message.receiptHandle());
            LOG.warn("replay: dead letter of message {} left on the queue: it needs more than ten attributes", id);
            return;
        }
        String group = fifoTarget
                ? original.metadata().get(SqsSource.MESSAGE_GROUP_ID).orElse(DEFAULT_GROUP) : null;
        try {
            client.sendMessage(r -> r.queueUrl(targetUrl).messageBody(original.body().get())
                    .messageAttributes(attributes).messageGroupId(group)
                    .messageDeduplicationId(fifoTarget ? original.messageId() : null));
        } catch (SdkException e) {
            left.add(message.receiptHandle());
            throw failure("SendMessage", targetUrl, e);
        }
        resent++;
        try {
            client.deleteMessage(r -> r.queueUrl(deadLetterQueueUrl).receiptHandle(message.receiptHandle()));
        } catch (SdkException e) {
            undeleted++;
            left.add(message.receiptHandle()); // visible again at the end, for the next run
            LOG.warn("replay: message {} resent, but its dead letter was not deleted ({}); a next run resends it,"
                    + " and the sink deduplicates it by its message id", id, SqsFailures.code(e));
        }
    }

    private List<Message> receive() {
        try {
            return client.receiveMessage(r -> r.queueUrl(deadLetterQueueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(1).visibilityTimeout((int) visibilityTimeout.getSeconds())
                    .messageAttributeNames("All")).messages();
        } catch (SdkException e) {
            throw failure("ReceiveMessage", deadLetterQueueUrl, e);
        }
    }

    private SealedDeadLetter openOrNull(String id, String body) {
        try {
            return opener.open(id, body);
        } catch (SealedDeadLetterException e) {
            // Name a key id only when it is one of the ring's: the text in front of an unsealed body may be data.
            Optional<KeyId> key = SealedDeadLetter.keyIdOf(body).filter(ring::contains);
            LOG.warn("replay: dead letter of message {} left on the queue: {}", id, key.isPresent()
                    ? "sealed under key " + key.get() + ", but it fails the check (changed, or sealed for another id)"
                    : "it names no key of this ring (sealed under a key no longer in it, or not sealed)");
            return null;
        }
    }

    /** Makes the letters left visible again at once, for the next run; best effort, they reappear anyway. */
    private void release() {
        for (int from = 0; from < left.size(); from += 10) {
            List<String> chunk = left.subList(from, Math.min(left.size(), from + 10));
            List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < chunk.size(); i++) {
                entries.add(ChangeMessageVisibilityBatchRequestEntry.builder().id(Integer.toString(i))
                        .receiptHandle(chunk.get(i)).visibilityTimeout(0).build());
            }
            try {
                client.changeMessageVisibilityBatch(r -> r.queueUrl(deadLetterQueueUrl).entries(entries));
            } catch (SdkException e) {
                LOG.warn("replay: {} dead letters left were not made visible again ({}); they reappear after the"
                        + " visibility timeout", chunk.size(), SqsFailures.code(e));
            }
        }
        left.clear();
    }

    private static String attribute(Message message, String name) {
        MessageAttributeValue value = message.messageAttributes().get(name);
        return value == null ? null : value.stringValue();
    }

    private static PipelineException failure(String operation, String queueUrl, SdkException e) {
        return new PipelineException("replay: " + SqsFailures.describe(operation, SqsSource.queueNameOf(queueUrl),
                SqsFailures.code(e)), e);
    }
}
