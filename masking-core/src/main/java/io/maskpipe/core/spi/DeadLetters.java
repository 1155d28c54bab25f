package io.maskpipe.core.spi;

import java.util.List;

/**
 * Where rejected messages are stored durably, with their reasons, before the source acknowledges them: a dead-letter
 * queue, a table, a file.
 *
 * <p>Without one, a pipeline leaves rejected messages unacknowledged for the queue's own redrive policy. Must be
 * thread-safe.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface DeadLetters {

    /**
     * Stores rejected messages durably; when this returns, the engine acknowledges them at the source.
     *
     * @param letters the rejected messages and their reasons
     * @throws SinkException when some or all could not be stored ({@link SinkException#failedIds()} names the
     *     letters that were not, when the others were): a {@code TRANSIENT} failure (or any other
     *     {@code RuntimeException}) is retried with the pipeline's backoff, for the failed letters alone; a
     *     {@code SETUP} one stops the run; after a {@code DATA} one the refused letters stay unacknowledged and come
     *     back for the queue's redrive policy
     */
    void store(List<DeadLetter> letters);
}
