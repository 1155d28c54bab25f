package io.maskpipe.core.engine;

import io.maskpipe.core.record.Rejection;
import io.maskpipe.core.spi.ConnectorException;
import java.time.Duration;

/**
 * What the engine reports as it goes; the door adapts the user's listener to it, guarded so that a throw never
 * reaches the engine. Called from poller and writer threads concurrently; every event is a no-op by default.
 */
public interface RunEvents {
    default void received(int count) {
    }

    default void written(int count) {
    }

    default void duplicates(int count) {
    }

    default void rejected(String messageId, Rejection rejection, boolean deadLettered) {
    }

    default void retried(int attempt, Duration delay, ConnectorException failure) {
    }

    default void batchWritten(int size, Duration latency) {
    }

    default void acknowledgeFailed(int count, RuntimeException failure) {
    }

    default void released(int count) {
    }
}
