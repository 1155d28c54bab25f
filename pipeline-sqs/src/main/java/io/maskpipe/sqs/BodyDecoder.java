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
}
