package io.maskpipe.sqs;

import io.maskpipe.core.record.Metadata;
import io.maskpipe.core.record.Outcome;
import io.maskpipe.core.record.ReasonCode;
import io.maskpipe.core.record.Rejection;
import io.maskpipe.core.spi.Delivery;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Turns received SQS messages into deliveries: checks the body's size and encoding, decodes it, and gathers the
 * metadata (message id, sent time, receive count, FIFO group, text message attributes). Thread-safe.
 */
final class SqsMessages {
    private static final String SENT = MessageSystemAttributeName.SENT_TIMESTAMP.toString();
    private static final String RECEIVE_COUNT = MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT.toString();
    private static final String GROUP_ID = MessageSystemAttributeName.MESSAGE_GROUP_ID.toString();

    private final String queueUrl;
    private final String queueName;
    private final int maxBodyBytes;
    private final BodyDecoder decoder;

    SqsMessages(String queueUrl, String queueName, int maxBodyBytes, BodyDecoder decoder) {
        this.queueUrl = queueUrl;
        this.queueName = queueName;
        this.maxBodyBytes = maxBodyBytes;
        this.decoder = decoder;
    }

    Delivery toDelivery(Message message) {
        // The attributes as SQS named them: Message#attributes() converts the names to an enum in a new map per call.
        Map<String, String> system = message.attributesAsStrings();
        Metadata metadata = metadataOf(message, system);
        Delivery.Builder delivery = Delivery.builder(metadata.messageId().orElseThrow(),
                        new Receipt(queueUrl, queueName, message.receiptHandle()))
                .metadata(metadata)
                .group(system.get(GROUP_ID))
                .body(message.body());
        Outcome content = decode(message.body());
        if (content instanceof Outcome.Accepted accepted) {
            delivery.record(accepted.record().withMetadata(metadata));
        } else {
            delivery.rejection(((Outcome.Rejected) content).rejection());
        }
        return delivery.build();
    }

    /** Decodes a body within the size limit, guarding against a custom decoder that throws or returns nothing. */
    Outcome decode(String body) {
        if (body == null) {
            return reject(ReasonCode.MALFORMED_JSON, "message has no body");
        }
        long bytes = Utf8.encodedLength(body);
        if (bytes == Utf8.UNPAIRED_SURROGATE) {
            return reject(ReasonCode.INVALID_ENCODING, "body holds an unpaired surrogate, which UTF-8 cannot encode");
        }
        if (bytes > maxBodyBytes) {
            return reject(ReasonCode.BODY_TOO_LARGE, "body is " + bytes + " bytes, more than the limit of "
                    + maxBodyBytes);
        }
        try {
            Outcome outcome = decoder.decode(body);
            return outcome != null ? outcome : reject(ReasonCode.TRANSFORM_FAILED, "body decoder returned nothing");
        } catch (RuntimeException e) {
            // The exception's text may quote the body: keep its class only.
            return reject(ReasonCode.TRANSFORM_FAILED, "body decoder threw " + e.getClass().getName());
        }
    }

    /**
     * Gathers the metadata. A message a replay resent ({@link SqsReplay}) carries its original's id and sent time as
     * attributes: they stand in for the new ones, so a sink that deduplicates by message id writes it once however
     * often it is resent, and its sent time is the original's.
     */
    private static Metadata metadataOf(Message message, Map<String, String> system) {
        Map<String, String> entries = new LinkedHashMap<>();
        Map<String, MessageAttributeValue> attributes = message.messageAttributes();
        String originalId = textOf(attributes.get(SqsReplay.ORIGINAL_MESSAGE_ID));
        entries.put(Metadata.MESSAGE_ID,
                originalId != null && !originalId.isEmpty() ? originalId : message.messageId());
        String originalSent = textOf(attributes.get(SqsReplay.ORIGINAL_SENT_TIMESTAMP));
        putIfPresent(entries, Metadata.SENT_TIMESTAMP, originalSent != null ? originalSent : system.get(SENT));
        putIfPresent(entries, Metadata.RECEIVE_COUNT, system.get(RECEIVE_COUNT));
        putIfPresent(entries, SqsSource.MESSAGE_GROUP_ID, system.get(GROUP_ID));
        for (Map.Entry<String, MessageAttributeValue> attribute : attributes.entrySet()) {
            if (attribute.getKey().equals(SqsReplay.ORIGINAL_MESSAGE_ID)
                    || attribute.getKey().equals(SqsReplay.ORIGINAL_SENT_TIMESTAMP)) {
                continue;
            }
            MessageAttributeValue value = attribute.getValue();
            String type = value.dataType() == null ? "" : value.dataType();
            if (value.stringValue() != null && (type.startsWith("String") || type.startsWith("Number"))) {
                entries.put(SqsSource.ATTRIBUTE_PREFIX + attribute.getKey(), value.stringValue());
            }
        }
        return Metadata.of(entries);
    }

    private static String textOf(MessageAttributeValue value) {
        return value == null ? null : value.stringValue();
    }

    private static void putIfPresent(Map<String, String> entries, String key, String value) {
        if (value != null) {
            entries.put(key, value);
        }
    }

    private static Outcome reject(ReasonCode reason, String rule) {
        return Outcome.reject(Rejection.of(reason, rule));
    }
}
