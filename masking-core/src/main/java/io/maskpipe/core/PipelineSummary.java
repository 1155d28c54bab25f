package io.maskpipe.core;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * What a pipeline run did: messages received, written, duplicate, rejected (by reason), dead-lettered, left for
 * redrive and released, plus retries, batches, failed acknowledgements and the elapsed time.
 *
 * <p>Every received message ends up in exactly one of {@link #written()}, {@link #duplicates()},
 * {@link #rejected()} or {@link #released()} (while the pipeline runs, some are still in flight). Counts only, so it is
 * safe to log. Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class PipelineSummary {
    private final long received;
    private final long written;
    private final long duplicates;
    private final Map<ReasonCode, Long> rejectedByReason;
    private final long deadLettered;
    private final long released;
    private final long retries;
    private final long batches;
    private final long acknowledgeFailures;
    private final Duration elapsed;

    PipelineSummary(long received, long written, long duplicates, Map<ReasonCode, Long> rejectedByReason,
            long deadLettered, long released, long retries, long batches, long acknowledgeFailures,
            Duration elapsed) {
        this.received = received;
        this.written = written;
        this.duplicates = duplicates;
        Map<ReasonCode, Long> copy = new EnumMap<>(ReasonCode.class);
        copy.putAll(rejectedByReason);
        this.rejectedByReason = Collections.unmodifiableMap(copy);
        this.deadLettered = deadLettered;
        this.released = released;
        this.retries = retries;
        this.batches = batches;
        this.acknowledgeFailures = acknowledgeFailures;
        this.elapsed = elapsed;
    }

    /**
     * Returns how many messages were received, redeliveries included.
     *
     * @return the count
     */
    public long received() {
        return received;
    }

    /**
     * Returns how many records the sink stored for the first time.
     *
     * @return the count
     */
    public long written() {
        return written;
    }

    /**
     * Returns how many records the sink had stored before (redeliveries it deduplicated).
     *
     * @return the count
     */
    public long duplicates() {
        return duplicates;
    }

    /**
     * Returns how many messages were rejected, by decoding, a transform or the sink.
     *
     * @return the count, dead-lettered and left for redrive together
     */
    public long rejected() {
        return rejectedByReason.values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * Returns the rejected messages by reason code; codes that did not occur are absent.
     *
     * @return an unmodifiable map
     */
    public Map<ReasonCode, Long> rejectedByReason() {
        return rejectedByReason;
    }

    /**
     * Returns how many rejected messages were stored in the dead-letter destination and acknowledged.
     *
     * @return the count
     */
    public long deadLettered() {
        return deadLettered;
    }

    /**
     * Returns how many rejected messages were left unacknowledged for the queue's redrive policy (no dead-letter
     * destination, or it refused them for good).
     *
     * @return the count
     */
    public long leftForRedrive() {
        return rejected() - deadLettered;
    }

    /**
     * Returns how many received messages were given back unprocessed at a stop that ran out of time, or when the
     * pipeline failed; they will be delivered again.
     *
     * @return the count
     */
    public long released() {
        return released;
    }

    /**
     * Returns how many times a write to the sink or dead-letter destination was tried again after a transient
     * failure.
     *
     * @return the count
     */
    public long retries() {
        return retries;
    }

    /**
     * Returns how many batches went through the sink.
     *
     * @return the count
     */
    public long batches() {
        return batches;
    }

    /**
     * Returns how many handled messages could not be acknowledged; they will be delivered again and deduplicated.
     *
     * @return the count
     */
    public long acknowledgeFailures() {
        return acknowledgeFailures;
    }

    /**
     * Returns how long the pipeline has been running, or ran.
     *
     * @return the elapsed time
     */
    public Duration elapsed() {
        return elapsed;
    }

    /**
     * Returns the messages handled (written, duplicate or rejected) per second of elapsed time.
     *
     * @return the rate, zero before any time has passed
     */
    public double messagesPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? 0 : (written + duplicates + rejected()) / seconds;
    }

    /** Returns the counts on one line, as the pipeline logs them. */
    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "received=%d written=%d duplicates=%d rejected=%d%s"
                + " deadLettered=%d leftForRedrive=%d released=%d retries=%d batches=%d acknowledgeFailures=%d"
                + " elapsed=%dms rate=%.1f/s", received, written, duplicates, rejected(),
                rejectedByReason.isEmpty() ? "" : rejectedByReason.toString(), deadLettered, leftForRedrive(),
                released, retries, batches, acknowledgeFailures, elapsed.toMillis(), messagesPerSecond());
    }
}
