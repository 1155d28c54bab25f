package io.maskpipe.sqs;

import io.maskpipe.core.spi.ConnectorException.Kind;
import io.maskpipe.core.spi.Delivery;
import io.maskpipe.core.spi.SourceException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The settling half of an {@link SqsSource}: deletes, visibility extensions and releases of received messages with
 * SQS's batch calls (run by {@link BatchCalls}, concurrently on a pool of daemon threads this class owns), and the
 * visibility timeout, configured or read once from the queue. Each call is made once: a failure names the failed
 * deliveries' ids and its kind ({@link SqsFailures}), and the pipeline's engine retries what is transient.
 * Thread-safe.
 */
final class Acknowledger {
    // Logged as the source, which users configure logging for.
    private static final Logger LOG = LoggerFactory.getLogger(SqsSource.class);

    private final SqsClient client;
    private final String queueUrl;
    private final String queueName;
    private final Integer visibilitySeconds;
    private final ExecutorService batchThreads;
    private final BatchCalls batches;
    private volatile Duration queueVisibility;

    Acknowledger(SqsClient client, SourceSettings settings) {
        this.client = client;
        this.queueUrl = settings.queueUrl();
        this.queueName = settings.queueName();
        this.visibilitySeconds = settings.visibilitySeconds();
        int concurrent = settings.maxConcurrentBatchCalls();
        this.batchThreads = concurrent > 1 ? Executors.newCachedThreadPool(batchThreadFactory()) : null;
        this.batches = new BatchCalls(batchThreads, concurrent);
    }

    // Threads start only when a call has more than one chunk, and end after a minute idle.
    private static ThreadFactory batchThreadFactory() {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "maskpipe-sqs-batch-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Deletes the messages; throws naming how many were not deleted and why. */
    void delete(List<Delivery> deliveries) {
        BatchCalls.Outcome<Delivery> outcome = batches.run(receiptsOf(deliveries), chunk ->
                client.deleteMessageBatch(r -> r.queueUrl(queueUrl).entries(deleteEntries(chunk))).failed());
        if (!outcome.succeeded()) {
            throw incomplete("DeleteMessageBatch", "deleted", deliveries.size(), outcome);
        }
    }

    /** Hides the messages for {@code extension} from now, rounded up to whole seconds, at most 12 hours. */
    void extend(List<Delivery> deliveries, Duration extension) {
        Objects.requireNonNull(extension, "extension");
        long millis = Math.max(0, extension.toMillis());
        int seconds = (int) Math.min(SourceSettings.MAX_VISIBILITY_SECONDS, (millis + 999) / 1000);
        BatchCalls.Outcome<Delivery> outcome = changeVisibility(receiptsOf(deliveries), seconds);
        if (!outcome.succeeded()) {
            throw incomplete("ChangeMessageVisibilityBatch", "extended", deliveries.size(), outcome);
        }
    }

    /**
     * Makes the messages visible at once; throws naming those not released, which come back after their
     * visibility timeout anyway (the engine notes them as hidden and says so).
     */
    void release(List<Delivery> deliveries) {
        BatchCalls.Outcome<Delivery> outcome = changeVisibility(receiptsOf(deliveries), 0);
        if (!outcome.succeeded()) {
            SourceException failure = incomplete("ChangeMessageVisibilityBatch", "released", deliveries.size(),
                    outcome);
            LOG.warn("{}; they come back after their visibility timeout", failure.getMessage());
            throw failure;
        }
    }

    /** Returns the configured visibility timeout, or else the queue's, read once with {@code GetQueueAttributes}. */
    Duration visibilityTimeout() {
        if (visibilitySeconds != null) {
            return Duration.ofSeconds(visibilitySeconds);
        }
        Duration cached = queueVisibility;
        if (cached == null) {
            try {
                String seconds = client.getQueueAttributes(r -> r.queueUrl(queueUrl)
                        .attributeNames(QueueAttributeName.VISIBILITY_TIMEOUT))
                        .attributes().get(QueueAttributeName.VISIBILITY_TIMEOUT);
                cached = Duration.ofSeconds(Long.parseLong(seconds));
            } catch (SdkException e) {
                throw SqsFailures.sourceFailure("GetQueueAttributes", queueName, e);
            } catch (NumberFormatException | NullPointerException e) {
                throw new SourceException(SqsFailures.describe("GetQueueAttributes", queueName,
                        "no VisibilityTimeout in the answer"), Kind.SETUP, null);
            }
            queueVisibility = cached;
        }
        return cached;
    }

    /** Stops the batch threads; calls in flight finish, later ones run on the calling thread alone. */
    void close() {
        if (batchThreads != null) {
            batchThreads.shutdown();
        }
    }

    private BatchCalls.Outcome<Delivery> changeVisibility(List<Delivery> deliveries, int seconds) {
        return batches.run(deliveries, chunk -> client.changeMessageVisibilityBatch(r -> r.queueUrl(queueUrl)
                .entries(visibilityEntries(chunk, seconds))).failed());
    }

    private List<Delivery> receiptsOf(List<Delivery> deliveries) {
        Objects.requireNonNull(deliveries, "deliveries");
        for (Delivery delivery : deliveries) {
            if (!(delivery.receipt() instanceof Receipt receipt) || !receipt.queueUrl().equals(queueUrl)) {
                throw new IllegalArgumentException("delivery '" + delivery.id() + "': not received from queue '"
                        + queueName + "'");
            }
        }
        return deliveries;
    }

    private static List<DeleteMessageBatchRequestEntry> deleteEntries(List<Delivery> chunk) {
        List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>(chunk.size());
        for (int i = 0; i < chunk.size(); i++) {
            entries.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(i))
                    .receiptHandle(handleOf(chunk.get(i))).build());
        }
        return entries;
    }

    private static List<ChangeMessageVisibilityBatchRequestEntry> visibilityEntries(List<Delivery> chunk,
                                                                                    int seconds) {
        List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>(chunk.size());
        for (int i = 0; i < chunk.size(); i++) {
            entries.add(ChangeMessageVisibilityBatchRequestEntry.builder().id(Integer.toString(i))
                    .receiptHandle(handleOf(chunk.get(i))).visibilityTimeout(seconds).build());
        }
        return entries;
    }

    private static String handleOf(Delivery delivery) {
        return delivery.receipt(Receipt.class).handle();
    }

    private SourceException incomplete(String operation, String verb, int total,
                                       BatchCalls.Outcome<Delivery> outcome) {
        String detail = outcome.undone() + " of " + total + " messages not " + verb + ": " + outcome.describe();
        List<String> failedIds = new ArrayList<>(outcome.undone());
        outcome.undoneItems().forEach(delivery -> failedIds.add(delivery.id()));
        return new SourceException(SqsFailures.describe(operation, queueName, detail), outcome.kind(),
                outcome.error(), failedIds);
    }
}
