package io.maskpipe.lambda;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.maskpipe.core.record.Metadata;
import io.maskpipe.core.record.Outcome;
import io.maskpipe.core.record.ReasonCode;
import io.maskpipe.core.record.Rejection;
import io.maskpipe.core.spi.Delivery;
import io.maskpipe.sqs.BodyDecoder;
import io.maskpipe.sqs.SqsSource;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns the records of a Lambda SQS event into deliveries with the same metadata a polling {@link SqsSource} gives
 * (message id, sent time, receive count, FIFO group, text message attributes), so one pipeline description serves
 * both. Thread-safe.
 */
final class EventMessages {
    private final BodyDecoder decoder;

    EventMessages(BodyDecoder decoder) {
        this.decoder = decoder;
    }

    Delivery toDelivery(SQSEvent.SQSMessage message, int position) {
        Map<String, String> system = message.getAttributes() == null ? Map.of() : message.getAttributes();
        Metadata metadata = metadataOf(message, system);
        Delivery.Builder delivery = Delivery.builder(message.getMessageId(), new LambdaReceipt(position))
                .metadata(metadata)
                .group(system.get("MessageGroupId"))
                .body(message.getBody());
        Outcome content = decode(message.getBody());
        if (content instanceof Outcome.Accepted accepted) {
            delivery.record(accepted.record().withMetadata(metadata));
        } else {
            delivery.rejection(((Outcome.Rejected) content).rejection());
        }
        return delivery.build();
    }

    /** Decodes a body, guarding against a decoder that throws or returns nothing (its text may quote the body). */
    private Outcome decode(String body) {
        if (body == null) {
            return Outcome.reject(Rejection.of(ReasonCode.MALFORMED_JSON, "message has no body"));
        }
        try {
            Outcome outcome = decoder.decode(body);
            return outcome != null ? outcome
                    : Outcome.reject(Rejection.of(ReasonCode.TRANSFORM_FAILED, "body decoder returned nothing"));
        } catch (RuntimeException e) {
            return Outcome.reject(Rejection.of(ReasonCode.TRANSFORM_FAILED,
                    "body decoder threw " + e.getClass().getName()));
        }
    }

    private static Metadata metadataOf(SQSEvent.SQSMessage message, Map<String, String> system) {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put(Metadata.MESSAGE_ID, message.getMessageId());
        putIfPresent(entries, Metadata.SENT_TIMESTAMP, system.get("SentTimestamp"));
        putIfPresent(entries, Metadata.RECEIVE_COUNT, system.get("ApproximateReceiveCount"));
        putIfPresent(entries, SqsSource.MESSAGE_GROUP_ID, system.get("MessageGroupId"));
        if (message.getMessageAttributes() != null) {
            message.getMessageAttributes().forEach((name, value) -> {
                String type = value.getDataType() == null ? "" : value.getDataType();
                if (value.getStringValue() != null && (type.startsWith("String") || type.startsWith("Number"))) {
                    entries.put(SqsSource.ATTRIBUTE_PREFIX + name, value.getStringValue());
                }
            });
        }
        return Metadata.of(entries);
    }

    private static void putIfPresent(Map<String, String> entries, String key, String value) {
        if (value != null) {
            entries.put(key, value);
        }
    }
}
