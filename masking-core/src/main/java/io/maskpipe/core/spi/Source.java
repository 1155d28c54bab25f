package io.maskpipe.core.spi;

import java.time.Duration;
import java.util.List;

/**
 * Where a pipeline's messages come from: hands out {@link Delivery deliveries} and takes back acknowledgements once
 * they are durably handled.
 *
 * <p>Delivery is at least once: an unacknowledged message comes back (after a visibility timeout, say), so the
 * engine acknowledges only what the sink or the dead-letter destination has stored. Several pollers call
 * {@link #receive} at once, so implementations must be thread-safe.
 *
 * @since 0.1.0
 */
public interface Source extends AutoCloseable {

    /**
     * Receives the next messages, waiting up to {@code maxWait} for the first one.
     *
     * @param maxWait how long to wait when nothing is available
     * @return the messages received, possibly none
     * @throws InterruptedException when the polling thread is interrupted
     * @throws SourceException when the source cannot be reached; its {@link SourceException#kind()} says whether
     *     to try again with backoff ({@code TRANSIENT}, as is any other {@code RuntimeException}) or to stop the run
     *     ({@code SETUP})
     */
    List<Delivery> receive(Duration maxWait) throws InterruptedException;

    /**
     * Acknowledges durably handled messages so they are not delivered again (for SQS: deletes them).
     * Returns normally only when every delivery is acknowledged. Implementations do not retry (their client's own
     * transport retries aside): the engine retries {@code TRANSIENT} failures with the pipeline's one backoff.
     *
     * @param deliveries the messages to acknowledge
     * @throws SourceException when some could not be acknowledged ({@link SourceException#failedIds()} names them
     *     when the others were); they will be delivered again
     */
    void acknowledge(List<Delivery> deliveries);

    /**
     * Extends how long the given messages stay hidden from other consumers, while their batch is still being
     * written. The default does nothing.
     *
     * @param deliveries the messages still in progress
     * @param extension how long from now they should stay hidden
     */
    default void extendVisibility(List<Delivery> deliveries, Duration extension) {
    }

    /**
     * Makes unprocessed messages available again at once, as at a shutdown that did not get to them. The default
     * does nothing, leaving them to come back after their visibility timeout.
     *
     * @param deliveries the messages given back
     */
    default void release(List<Delivery> deliveries) {
    }

    /**
     * Returns how long a received message stays hidden before it is delivered again, so the engine knows when to
     * call {@link #extendVisibility}.
     *
     * @return the visibility timeout, or {@link Duration#ZERO} when the source has none
     */
    default Duration visibilityTimeout() {
        return Duration.ZERO;
    }

    /** Releases the source's resources. The default does nothing. */
    @Override
    default void close() {
    }
}
