package io.maskpipe.core.engine;

import io.maskpipe.core.record.ReasonCode;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * A snapshot of a run's counts, with the figures derived from them and the one-line form the engine logs; the door's
 * {@code PipelineSummary} reads it.
 */
public record Tally(long received, long written, long duplicates, Map<ReasonCode, Long> rejectedByReason,
        long deadLettered, long released, long retries, long batches, long acknowledgeFailures, long hidden,
        Instant visibleAgainBy, boolean drained, Duration elapsed) {

    /** Copies the reasons, in the reason codes' order. */
    public Tally {
        Map<ReasonCode, Long> copy = new EnumMap<>(ReasonCode.class);
        copy.putAll(rejectedByReason);
        rejectedByReason = Collections.unmodifiableMap(copy);
    }

    /** Returns the rejected messages, dead-lettered and left for redrive together. */
    public long rejected() {
        return rejectedByReason.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Returns the rejected messages that no dead-letter destination stored. */
    public long leftForRedrive() {
        return rejected() - deadLettered;
    }

    /** Returns the messages resolved per second, zero before any time has passed. */
    public double messagesPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? 0 : (written + duplicates + rejected()) / seconds;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "received=%d written=%d duplicates=%d rejected=%d%s"
                + " deadLettered=%d leftForRedrive=%d released=%d retries=%d batches=%d acknowledgeFailures=%d"
                + " hidden=%d%s drained=%b elapsed=%dms rate=%.1f/s", received, written, duplicates, rejected(),
                rejectedByReason.isEmpty() ? "" : rejectedByReason.toString(), deadLettered, leftForRedrive(),
                released, retries, batches, acknowledgeFailures, hidden,
                hidden == 0 ? "" : " visibleAgainBy=" + (visibleAgainBy == null ? "unknown" : visibleAgainBy),
                drained, elapsed.toMillis(), messagesPerSecond());
    }
}
