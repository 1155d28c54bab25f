package io.maskpipe.core;

import io.maskpipe.core.engine.Tally;
import io.maskpipe.core.record.ReasonCode;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What a pipeline run did: messages received, written, duplicate, rejected (by reason), dead-lettered, left for
 * redrive and released, plus retries, batches, failed acknowledgements and the elapsed time.
 *
 * <p>Every received message ends up in exactly one of {@link #written()}, {@link #duplicates()},
 * {@link #rejected()} or {@link #released()} (while the pipeline runs, some are still in flight). What the run
 * leaves hidden on the queue is counted per message by {@link #hidden()}, with {@link #visibleAgainBy()}.
 * Counts only, so it is
 * safe to log. Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class PipelineSummary {
    private final Tally tally;

    private PipelineSummary(Tally tally) {
        this.tally = tally;
    }

    /** Reads an engine snapshot. */
    static PipelineSummary of(Tally tally) {
        return new PipelineSummary(tally);
    }

    /**
     * Returns how many messages were received, redeliveries included.
     *
     * @return the count
     */
    public long received() {
        return tally.received();
    }

    /**
     * Returns how many records the sink stored for the first time.
     *
     * @return the count
     */
    public long written() {
        return tally.written();
    }

    /**
     * Returns how many redeliveries were already stored: records the sink had stored before, and rejections whose
     * dead letter this run had stored before their delete failed.
     *
     * @return the count
     */
    public long duplicates() {
        return tally.duplicates();
    }

    /**
     * Returns how many messages were rejected, by decoding, a transform or the sink.
     *
     * @return the count, dead-lettered and left for redrive together
     */
    public long rejected() {
        return tally.rejected();
    }

    /**
     * Returns the rejected messages by reason code; codes that did not occur are absent.
     *
     * @return an unmodifiable map
     */
    public Map<ReasonCode, Long> rejectedByReason() {
        return tally.rejectedByReason();
    }

    /**
     * Returns how many rejected messages were stored in the dead-letter destination and acknowledged.
     *
     * @return the count
     */
    public long deadLettered() {
        return tally.deadLettered();
    }

    /**
     * Returns how many rejected messages were left unacknowledged for the queue's redrive policy (no dead-letter
     * destination, or it refused them for good).
     *
     * @return the count
     */
    public long leftForRedrive() {
        return tally.leftForRedrive();
    }

    /**
     * Returns how many received messages were given back unprocessed at a stop that ran out of time, or when the
     * pipeline failed; they will be delivered again.
     *
     * @return the count
     */
    public long released() {
        return tally.released();
    }

    /**
     * Returns how many times a write to the sink or dead-letter destination was tried again after a transient
     * failure.
     *
     * @return the count
     */
    public long retries() {
        return tally.retries();
    }

    /**
     * Returns how many batches went through the sink.
     *
     * @return the count
     */
    public long batches() {
        return tally.batches();
    }

    /**
     * Returns how many handled messages could not be acknowledged, counted per message; they will be delivered
     * again and deduplicated.
     *
     * @return the count
     */
    public long acknowledgeFailures() {
        return tally.acknowledgeFailures();
    }

    /**
     * Returns how many messages this run leaves hidden on the queue, per message: rejections left for redrive,
     * deletes or releases that failed, and not received again since. They become visible again after their
     * visibility timeout (see {@link #visibleAgainBy()}); on a FIFO queue, their groups' later messages wait
     * behind them meanwhile.
     *
     * @return the count, zero when the run leaves nothing hidden
     */
    public long hidden() {
        return tally.hidden();
    }

    /**
     * Returns when the last of the {@link #hidden()} messages becomes visible again, from their last receive or
     * visibility extension and the source's visibility timeout.
     *
     * @return the time, or empty when none is hidden or the source has no visibility timeout
     */
    public Optional<Instant> visibleAgainBy() {
        return Optional.ofNullable(tally.visibleAgainBy());
    }

    /**
     * Returns whether {@link Pipeline#run()} ended because the source was drained, leaving nothing behind: no
     * message hidden by this run, none released. False while running, after a stop or a failure, and when the run
     * ended with messages {@link #hidden()} (the queue still holds them, and a FIFO group's later messages).
     *
     * @return true for a complete drain
     */
    public boolean drained() {
        return tally.drained();
    }

    /**
     * Returns how long the pipeline has been running, or ran.
     *
     * @return the elapsed time
     */
    public Duration elapsed() {
        return tally.elapsed();
    }

    /**
     * Returns the messages handled (written, duplicate or rejected) per second of elapsed time.
     *
     * @return the rate, zero before any time has passed
     */
    public double messagesPerSecond() {
        return tally.messagesPerSecond();
    }

    /** Returns the counts on one line, as the pipeline logs them. */
    @Override
    public String toString() {
        return tally.toString();
    }
}
