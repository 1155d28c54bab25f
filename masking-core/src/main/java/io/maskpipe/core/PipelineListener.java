package io.maskpipe.core;

import io.maskpipe.core.record.FieldPath;
import io.maskpipe.core.record.Rejection;
import io.maskpipe.core.spi.ConnectorException;
import java.time.Duration;

/**
 * Hears what a pipeline does, for metrics and alerts: messages received, written, duplicate, rejected, retries,
 * batch latency and failed acknowledgements.
 *
 * <p>Every method has a no-op default, so implement only what you measure. The engine calls these from its poller
 * and writer threads, concurrently, so implementations must be thread-safe and quick. A listener that throws is
 * logged (its exception's class only) and otherwise ignored. Nothing passed here holds a field value.
 *
 * @since 0.1.0
 */
public interface PipelineListener {

    /**
     * Called after a receive returned messages.
     *
     * @param count how many messages, at least one
     */
    default void received(int count) {
    }

    /**
     * Called after the sink stored records for the first time.
     *
     * @param count how many, at least one
     */
    default void written(int count) {
    }

    /**
     * Called after the sink reported records it had stored before (redeliveries).
     *
     * @param count how many, at least one
     */
    default void duplicates(int count) {
    }

    /**
     * Called once per rejected message, after its rejection was stored as a dead letter or left for redrive.
     *
     * @param messageId the message's id
     * @param rejection why, with a reason code and field path and no value
     * @param deadLettered whether the rejection was stored in the dead-letter destination (and the message
     *     acknowledged), rather than left unacknowledged for the queue's redrive policy
     */
    default void rejected(String messageId, Rejection rejection, boolean deadLettered) {
    }

    /**
     * Called before a call is tried again after a transient failure of the sink, the dead-letter destination or
     * an acknowledgement (receives back off without this event).
     *
     * @param attempt the attempt that failed, from 1
     * @param delay how long the engine waits before the next attempt
     * @param failure the transient failure; an exception that was not a {@code ConnectorException} comes wrapped
     *     in a transient {@code SinkException} naming its class
     */
    default void retried(int attempt, Duration delay, ConnectorException failure) {
    }

    /**
     * Called after a batch went through the sink (every record written, duplicate or rejected).
     *
     * @param size how many records the batch held
     * @param latency how long the sink took, retries and splitting included
     */
    default void batchWritten(int size, Duration latency) {
    }

    /**
     * Called when acknowledging handled messages failed; they will be delivered again and deduplicated by the sink.
     *
     * @param count how many messages were not acknowledged
     * @param failure what the source reported
     */
    default void acknowledgeFailed(int count, RuntimeException failure) {
    }

    /**
     * Called when unprocessed messages were given back to the source at a stop that ran out of time.
     *
     * @param count how many
     */
    default void released(int count) {
    }

    /**
     * Called when the strict field policy {@link UnknownFields#DROP} removed a field no step names from a message,
     * which then carries on: count these to see what producers send that nobody configured.
     *
     * @param messageId the message's id
     * @param path the removed field's path (never its value)
     */
    default void unknownFieldDropped(String messageId, FieldPath path) {
    }
}
