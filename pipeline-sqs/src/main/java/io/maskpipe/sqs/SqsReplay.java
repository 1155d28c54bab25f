package io.maskpipe.sqs;

import io.maskpipe.core.DeadLetterReplay;
import io.maskpipe.core.ReplaySummary;
import io.maskpipe.core.SealedDeadLetter;
import io.maskpipe.core.key.Keyring;
import io.maskpipe.core.record.Metadata;
import io.maskpipe.core.record.ReasonCode;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * Replays sealed dead letters from an SQS dead-letter queue: receives each, opens it with the key ring, keeps only
 * the chosen reasons, sends the original body and attributes to a queue, and deletes the dead letter only after that
 * send succeeded.
 * <pre>{@code
 * ReplaySummary done = SqsReplay.from(sqs, deadLetterQueueUrl)
 *         .to(queueUrl)
 *         .opening(keyring)
 *         .onlyReasons(ReasonCode.SINK_REJECTED)
 *         .run();
 * }</pre>
 *
 * <p>Safe to run twice and to interrupt: each resend carries {@value #ORIGINAL_MESSAGE_ID} (and
 * {@value #ORIGINAL_SENT_TIMESTAMP}), which {@link SqsSource} takes as the message's id (and sent time), so a sink
 * that deduplicates by message id writes an original once however often a replay stopped between its send and its
 * delete. On a FIFO target the original's group is kept and the deduplication id is the original id. A letter whose
 * reason is not chosen, that does not open (its key left the ring, it was changed, or it was stored unsealed), or
 * that would need more than SQS's ten attributes stays, and is made visible again when the run ends. The run ends
 * after two empty receives in a row. Attributes come back as {@code String}.
 *
 * <p>Every method returns a new replay; each setting may be given once. Immutable and thread-safe. See
 * {@code docs/dead-letters.md}.
 *
 * @since 0.1.0
 */
public final class SqsReplay implements DeadLetterReplay {
    /** The attribute a resend carries with its original message's id. */
    public static final String ORIGINAL_MESSAGE_ID = "maskpipe.original_message_id";
    /** The attribute a resend carries with its original message's sent time, as epoch milliseconds. */
    public static final String ORIGINAL_SENT_TIMESTAMP = "maskpipe.original_sent_timestamp";

    private static final int MAX_ATTRIBUTES = 10;
    private static final Duration DEFAULT_VISIBILITY = Duration.ofSeconds(60);

    private final SqsClient client;
    private final String deadLetterQueueUrl;
    private final String targetUrl;
    private final Keyring ring;
    private final Set<ReasonCode> reasons;
    private final Duration visibilityTimeout;

    private SqsReplay(SqsClient client, String deadLetterQueueUrl, String targetUrl, Keyring ring,
            Set<ReasonCode> reasons, Duration visibilityTimeout) {
        this.client = client;
        this.deadLetterQueueUrl = deadLetterQueueUrl;
        this.targetUrl = targetUrl;
        this.ring = ring;
        this.reasons = reasons;
        this.visibilityTimeout = visibilityTimeout;
    }

    /**
     * Starts describing a replay from a dead-letter queue.
     *
     * @param client the SQS client, which stays the caller's to close
     * @param deadLetterQueueUrl the dead-letter queue an {@link SqsDeadLetters} writes to
     * @return the replay, still without a target and a key ring
     */
    public static SqsReplay from(SqsClient client, String deadLetterQueueUrl) {
        Objects.requireNonNull(client, "client");
        SqsSource.queueNameOf(Objects.requireNonNull(deadLetterQueueUrl, "deadLetterQueueUrl"));
        return new SqsReplay(client, deadLetterQueueUrl, null, null, null, null);
    }

    /**
     * Sets the queue the originals are sent to: usually the pipeline's source queue, once the cause is fixed.
     *
     * @param queueUrl the target queue's URL; a name ending in {@code .fifo} makes it a FIFO queue
     * @return the new replay
     */
    public SqsReplay to(String queueUrl) {
        Objects.requireNonNull(queueUrl, "queueUrl");
        SqsSource.queueNameOf(queueUrl);
        once("to", targetUrl);
        return new SqsReplay(client, deadLetterQueueUrl, queueUrl, ring, reasons, visibilityTimeout);
    }

    /**
     * Sets the key ring that opens the letters: it must hold every key they were sealed under (a retired one too).
     *
     * @param keyring the key ring
     * @return the new replay
     */
    public SqsReplay opening(Keyring keyring) {
        Objects.requireNonNull(keyring, "keyring");
        once("opening", ring);
        return new SqsReplay(client, deadLetterQueueUrl, targetUrl, keyring, reasons, visibilityTimeout);
    }

    /**
     * Replays only dead letters with these reason codes; the others stay. Default: every reason.
     *
     * @param codes the reason codes, at least one
     * @return the new replay
     */
    public SqsReplay onlyReasons(ReasonCode... codes) {
        Objects.requireNonNull(codes, "codes");
        if (codes.length == 0) {
            throw new IllegalArgumentException("replay: onlyReasons needs at least one reason code");
        }
        once("onlyReasons", reasons);
        Set<ReasonCode> chosen = EnumSet.noneOf(ReasonCode.class);
        for (ReasonCode code : codes) {
            chosen.add(Objects.requireNonNull(code, "code"));
        }
        return new SqsReplay(client, deadLetterQueueUrl, targetUrl, ring, Set.copyOf(chosen), visibilityTimeout);
    }

    /**
     * Sets how long a received dead letter stays hidden from other readers while it is resent. Default: 60 s.
     *
     * @param timeout from 1 second to 12 hours
     * @return the new replay
     */
    public SqsReplay visibilityTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.getSeconds() < 1 || timeout.compareTo(Duration.ofHours(12)) > 0) {
            throw new IllegalArgumentException("replay: visibilityTimeout must be 1 s to 12 h, was " + timeout);
        }
        once("visibilityTimeout", visibilityTimeout);
        return new SqsReplay(client, deadLetterQueueUrl, targetUrl, ring, reasons, timeout);
    }

    /**
     * Replays the dead letters there are now.
     *
     * @return the counts
     * @throws IllegalStateException when {@link #to} or {@link #opening} was not given
     * @throws io.maskpipe.core.PipelineException when a receive or a send failed; the letter being resent stays
     */
    @Override
    public ReplaySummary run() {
        if (targetUrl == null || ring == null) {
            throw new IllegalStateException("replay: needs "
                    + (targetUrl == null ? "to(queueUrl)" : "opening(keyring)"));
        }
        return new ReplayRun(client, deadLetterQueueUrl, targetUrl, ring, reasons,
                visibilityTimeout == null ? DEFAULT_VISIBILITY : visibilityTimeout).run();
    }

    /** Returns the queues and settings: {@code SqsReplay[logins-dlq -> logins, reasons=all]}. */
    @Override
    public String toString() {
        return "SqsReplay[" + SqsSource.queueNameOf(deadLetterQueueUrl) + " -> "
                + (targetUrl == null ? "?" : SqsSource.queueNameOf(targetUrl)) + ", reasons="
                + (reasons == null ? "all" : reasons) + "]";
    }

    /** The attributes to send with a resend: the original's own, then its id and sent time; empty if too many. */
    static Map<String, MessageAttributeValue> attributesOf(SealedDeadLetter original) {
        Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : original.metadata().asMap().entrySet()) {
            if (entry.getKey().startsWith(SqsSource.ATTRIBUTE_PREFIX)) {
                attributes.put(entry.getKey().substring(SqsSource.ATTRIBUTE_PREFIX.length()), text(entry.getValue()));
            }
        }
        attributes.put(ORIGINAL_MESSAGE_ID, text(original.messageId()));
        original.metadata().get(Metadata.SENT_TIMESTAMP).ifPresent(sent -> {
            if (attributes.size() < MAX_ATTRIBUTES) {
                attributes.put(ORIGINAL_SENT_TIMESTAMP, text(sent));
            }
        });
        return attributes.size() > MAX_ATTRIBUTES ? Map.of() : attributes;
    }

    private static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }

    private static void once(String name, Object current) {
        if (current != null) {
            throw new IllegalStateException("replay: " + name + " is already set");
        }
    }
}
