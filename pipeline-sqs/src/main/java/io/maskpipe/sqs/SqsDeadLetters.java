package io.maskpipe.sqs;

import io.maskpipe.core.record.Metadata;
import io.maskpipe.core.record.Rejection;
import io.maskpipe.core.spi.DeadLetter;
import io.maskpipe.core.spi.DeadLetters;
import io.maskpipe.core.spi.SinkException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * A {@link DeadLetters} destination that sends each rejected message's body to an SQS dead-letter queue, with the
 * reason as message attributes, before the pipeline deletes the source message. Given to
 * {@code deadLetters(store, keyring)}, the body it receives and sends is the sealed text of the original (see
 * {@code docs/dead-letters.md}); given to {@code deadLettersUnsealed(store)}, the original body as received.
 *
 * <pre>{@code
 * Pipeline pipeline = Pipeline.from(SqsSource.of(sqs, queueUrl))
 *         .mask("ip", hmac)
 *         .deadLetters(SqsDeadLetters.of(sqs, deadLetterQueueUrl), keyring)
 *         .to(sink);
 * }</pre>
 *
 * <p>Attributes (all {@code String}): {@value #REASON} (the reason code), {@value #FIELD} (the field path, when the
 * rejection names one), {@value #RULE} (the rule broken, never a value), {@value #SOURCE_MESSAGE_ID},
 * {@value #SENT_TIMESTAMP} and {@value #SOURCE_QUEUE}. The original message's own attributes are not copied as
 * attributes (SQS allows ten per message; a sealed letter carries them inside its seal). To read
 * a dead letter's reason:
 *
 * <pre>{@code
 * Message dead = sqs.receiveMessage(r -> r.queueUrl(deadLetterQueueUrl).messageAttributeNames("All"))
 *         .messages().get(0);
 * String reason = dead.messageAttributes().get(SqsDeadLetters.REASON).stringValue();  // NOT_AN_OBJECT
 * }</pre>
 *
 * <p>On a FIFO dead-letter queue ({@code .fifo}) the message group is the source message's group, or
 * {@value #DEFAULT_GROUP} for a standard source queue, and the deduplication id is the source message id, so a
 * redelivered rejection is stored once. Messages are sent with {@code SendMessageBatch}, once; entries SQS reports as
 * failed make {@link #store} throw naming them, so the pipeline retries those alone and their source messages stay
 * on the queue meanwhile.
 *
 * <p>Immutable and thread-safe. See {@code docs/sqs.md}.
 *
 * @since 0.1.0
 */
public final class SqsDeadLetters implements DeadLetters {
    /** The attribute holding the rejection's reason code, as {@code MALFORMED_JSON}. */
    public static final String REASON = "maskpipe.reason";
    /** The attribute holding the path of the field the rejection concerns; absent for a whole-message rejection. */
    public static final String FIELD = "maskpipe.field";
    /** The attribute holding the rule that was broken, as {@code not valid JSON at line 1, column 9}. */
    public static final String RULE = "maskpipe.rule";
    /** The attribute holding the source message's id. */
    public static final String SOURCE_MESSAGE_ID = "maskpipe.source_message_id";
    /** The attribute holding when the source message was sent, as epoch milliseconds, when the source gave it. */
    public static final String SENT_TIMESTAMP = "maskpipe.sent_timestamp";
    /** The attribute holding the source queue's name, when the message came from an {@link SqsSource}. */
    public static final String SOURCE_QUEUE = "maskpipe.source_queue";
    /** The message group on a FIFO dead-letter queue for messages that had none. */
    public static final String DEFAULT_GROUP = "maskpipe-dead-letters";

    // SendMessageBatch: at most 256 KiB of bodies and attributes per call (kept below, for the framing).
    private static final int MAX_BATCH_BYTES = 250 * 1024;
    private static final String NO_BODY = "(the source kept no body)";

    private final SqsClient client;
    private final String queueUrl;
    private final String queueName;
    private final boolean fifo;
    private final BatchCalls batches;

    private SqsDeadLetters(SqsClient client, String queueUrl) {
        this.client = client;
        this.queueUrl = queueUrl;
        this.queueName = SqsSource.queueNameOf(queueUrl);
        this.fifo = queueName.endsWith(".fifo");
        this.batches = new BatchCalls();
    }

    /**
     * Returns a destination that sends rejected messages to the given queue.
     *
     * @param client the SQS client, which stays the caller's to close
     * @param queueUrl the dead-letter queue's URL; a name ending in {@code .fifo} makes it a FIFO queue
     * @return the destination
     */
    public static SqsDeadLetters of(SqsClient client, String queueUrl) {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(queueUrl, "queueUrl");
        SqsSource.queueNameOf(queueUrl); // checks it parses
        return new SqsDeadLetters(client, queueUrl);
    }

    /**
     * Sends the rejected messages to the dead-letter queue, ten (or 250 KiB) per {@code SendMessageBatch}.
     *
     * Each letter is sent once: this does not retry (the SDK retries a failed call on its transport).
     *
     * @throws SinkException naming how many were not sent and the error codes, with the source message ids of
     *     those not sent ({@link SinkException#failedIds()}), so the pipeline retries them alone; its kind is
     *     {@code SETUP} for a missing queue or refused access, {@code DATA} for letters SQS refuses for their
     *     contents, else {@code TRANSIENT}. Their source messages stay unacknowledged.
     */
    @Override
    public void store(List<DeadLetter> letters) {
        Objects.requireNonNull(letters, "letters");
        List<Letter> prepared = new ArrayList<>(letters.size());
        for (DeadLetter letter : letters) {
            prepared.add(prepare(letter));
        }
        BatchCalls.Outcome<Letter> outcome = batches.run(prepared, Letter::bytes, MAX_BATCH_BYTES,
                chunk -> client.sendMessageBatch(r -> r.queueUrl(queueUrl).entries(entries(chunk))).failed());
        if (!outcome.succeeded()) {
            String detail = outcome.undone() + " of " + letters.size() + " dead letters not sent: "
                    + outcome.describe();
            List<String> failedIds = new ArrayList<>(outcome.undone());
            outcome.undoneItems().forEach(letter -> failedIds.add(letter.sourceId()));
            throw new SinkException(SqsFailures.describe("SendMessageBatch", queueName, detail), outcome.kind(),
                    outcome.error(), failedIds);
        }
    }

    /** Returns the queue's name: {@code SqsDeadLetters[queue=logins-dlq]}. */
    @Override
    public String toString() {
        return "SqsDeadLetters[queue=" + queueName + "]";
    }

    private Letter prepare(DeadLetter letter) {
        Rejection rejection = letter.rejection();
        String sourceId = letter.delivery().id();
        Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
        put(attributes, REASON, rejection.reason().name());
        rejection.field().ifPresent(field -> put(attributes, FIELD, field.toString()));
        put(attributes, RULE, rejection.rule());
        put(attributes, SOURCE_MESSAGE_ID, sourceId);
        letter.delivery().metadata().get(Metadata.SENT_TIMESTAMP).ifPresent(t -> put(attributes, SENT_TIMESTAMP, t));
        if (letter.delivery().receipt() instanceof Receipt receipt) {
            put(attributes, SOURCE_QUEUE, receipt.queueName());
        }
        String body = letter.delivery().body().orElse(NO_BODY);
        int bytes = body.getBytes(StandardCharsets.UTF_8).length;
        for (Map.Entry<String, MessageAttributeValue> a : attributes.entrySet()) {
            bytes += a.getKey().length() + a.getValue().stringValue().length() * 3 + "String".length();
        }
        String group = fifo ? letter.delivery().group().orElse(DEFAULT_GROUP) : null;
        return new Letter(sourceId, body, Map.copyOf(attributes), group, fifo ? sourceId : null, bytes);
    }

    private static void put(Map<String, MessageAttributeValue> attributes, String name, String value) {
        attributes.put(name, MessageAttributeValue.builder().dataType("String").stringValue(value).build());
    }

    private static List<SendMessageBatchRequestEntry> entries(List<Letter> chunk) {
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>(chunk.size());
        for (int i = 0; i < chunk.size(); i++) {
            Letter letter = chunk.get(i);
            entries.add(SendMessageBatchRequestEntry.builder()
                    .id(Integer.toString(i))
                    .messageBody(letter.body())
                    .messageAttributes(letter.attributes())
                    .messageGroupId(letter.group())
                    .messageDeduplicationId(letter.deduplicationId())
                    .build());
        }
        return entries;
    }

    /** A dead letter ready to send; its size counts toward the batch limit. */
    private record Letter(String sourceId, String body, Map<String, MessageAttributeValue> attributes, String group,
                          String deduplicationId, int bytes) {
        @Override
        public String toString() {
            return "Letter[bytes=" + bytes + "]";
        }
    }
}
