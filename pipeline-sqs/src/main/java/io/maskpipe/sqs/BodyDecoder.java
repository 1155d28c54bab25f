package io.maskpipe.sqs;

import io.maskpipe.core.record.Outcome;

/**
 * Decodes a message body into a record, for queues whose bodies are not JSON objects.
 *
 * <p>Return a rejection, never throw, for a body that cannot be decoded, and word it without quoting the body:
 * the rejection is logged and stored. A decoder that throws or returns {@code null} has the message rejected as
 * {@code TRANSFORM_FAILED} with the exception's class name. The source replaces the record's metadata with the
 * message's. Must be thread-safe.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface BodyDecoder {
    /**
     * Decodes one body, already checked against the size limit and for UTF-8 encodability.
     *
     * @param body the message body
     * @return the record, or the rejection that says why the body is unusable
     */
    Outcome decode(String body);

    /**
     * Returns the decoder {@link SqsSource} uses by default: a JSON object per body, with numbers kept exact,
     * duplicate keys and nesting past 64 levels refused. Useful to wrap, and for handlers that are handed SQS
     * messages rather than polling for them.
     *
     * @return the JSON decoder; thread-safe
     * @since 0.1.0
     */
    static BodyDecoder json() {
        return new JsonBodyDecoder(SourceSettings.DEFAULT_MAX_NESTING_DEPTH);
    }
}
