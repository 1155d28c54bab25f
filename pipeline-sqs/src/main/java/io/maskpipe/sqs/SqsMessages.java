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
        Metadata metadata = metadataOf(message);
        Delivery.Builder delivery = Delivery.builder(message.messageId(),
                        new Receipt(queueUrl, queueName, message.receiptHandle()))
                .metadata(metadata)
                .group(message.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID))
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

    private static Metadata metadataOf(Message message) {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put(Metadata.MESSAGE_ID, message.messageId());
        Map<MessageSystemAttributeName, String> system = message.attributes();
        putIfPresent(entries, Metadata.SENT_TIMESTAMP, system.get(MessageSystemAttributeName.SENT_TIMESTAMP));
        putIfPresent(entries, Metadata.RECEIVE_COUNT,
                system.get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT));
        putIfPresent(entries, SqsSource.MESSAGE_GROUP_ID, system.get(MessageSystemAttributeName.MESSAGE_GROUP_ID));
        for (Map.Entry<String, MessageAttributeValue> attribute : message.messageAttributes().entrySet()) {
            MessageAttributeValue value = attribute.getValue();
            String type = value.dataType() == null ? "" : value.dataType();
            if (value.stringValue() != null && (type.startsWith("String") || type.startsWith("Number"))) {
                entries.put(SqsSource.ATTRIBUTE_PREFIX + attribute.getKey(), value.stringValue());
            }
        }
        return Metadata.of(entries);
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
