package io.maskpipe.core.engine;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The messages this run knows it leaves hidden on the queue, per message id: a rejection left for redrive, a
 * delete (acknowledgement) that failed, a release that failed. Each stays hidden until its visibility timeout runs
 * out, counted from its last receive or extension. A later delivery of the same message removes it (it is in flight
 * again), remembering whether its dead letter was already stored, so that rejection is not stored twice.
 *
 * <p>A mark is forgotten once its message has been visible again for longer than {@link #FORGET_AFTER} (at least one
 * visibility timeout) without coming back to this run: another consumer took it, or the queue's redrive moved it. So a
 * pipeline that runs for weeks keeps only its recent marks, not one per failed delete since it started. A rejection
 * that comes back after that is stored again, as it would be after a restart (at least once, as documented).
 */
final class Hidden {
    /** Why a message stays hidden. */
    enum Why { LEFT_FOR_REDRIVE, NOT_ACKNOWLEDGED, NOT_RELEASED }

    private record Mark(Why why, long untilNanos, boolean deadLettered, boolean grouped) {
    }

    /** How long a mark outlives its message's visibility, at the least; a longer visibility timeout counts instead. */
    static final Duration FORGET_AFTER = Duration.ofMinutes(5);
    /** Marks are swept for forgotten ones when their count passes this, then at twice what the sweep left. */
    private static final int FIRST_SWEEP = 1_024;

    private final Map<String, Mark> marks = new ConcurrentHashMap<>();
    private volatile long visibilityNanos;
    private volatile int nextSweep = FIRST_SWEEP;

    /** Sets the source's visibility timeout, read at start; zero when it has none (then "until" is unknown). */
    void visibility(Duration visibility) {
        this.visibilityNanos = visibility == null || visibility.isNegative() ? 0 : visibility.toNanos();
    }

    void hide(Entry entry, Why why) {
        long until = visibilityNanos == 0 ? Long.MIN_VALUE : entry.visibleSinceNanos + visibilityNanos;
        marks.put(entry.delivery.id(), new Mark(why, until, entry.deadLettered, entry.group() != null));
        if (marks.size() > nextSweep) {
            forgetOld(System.nanoTime());
        }
    }

    /** Forgets the marks of messages visible again for longer than FORGET_AFTER or a visibility timeout. */
    void forgetOld(long nowNanos) {
        long after = Math.max(FORGET_AFTER.toNanos(), visibilityNanos);
        marks.values().removeIf(mark -> mark.untilNanos != Long.MIN_VALUE && nowNanos - mark.untilNanos > after);
        nextSweep = Math.max(FIRST_SWEEP, 2 * marks.size());
    }

    /** Notes a new delivery of the message; returns true when its dead letter was stored earlier in this run. */
    boolean receivedAgain(String id) {
        Mark mark = marks.remove(id);
        return mark != null && mark.deadLettered;
    }

    /**
     * Returns true while a message whose acknowledgement failed is still hidden: it will come back and be resolved
     * as a duplicate, so the source is not drained before then.
     */
    boolean awaitingRedelivery(long nowNanos) {
        for (Mark mark : marks.values()) {
            if (mark.why == Why.NOT_ACKNOWLEDGED && mark.untilNanos != Long.MIN_VALUE
                    && mark.untilNanos - nowNanos > 0) {
                return true;
            }
        }
        return false;
    }

    /** A snapshot: how many, why, and by when all are visible again (null when unknown or none). */
    Snapshot snapshot() {
        long now = System.nanoTime();
        Instant wallNow = Instant.now();
        int count = 0;
        int leftForRedrive = 0;
        int grouped = 0;
        long latest = Long.MIN_VALUE;
        boolean unknown = false;
        for (Mark mark : marks.values()) {
            count++;
            leftForRedrive += mark.why == Why.LEFT_FOR_REDRIVE ? 1 : 0;
            grouped += mark.grouped ? 1 : 0;
            if (mark.untilNanos == Long.MIN_VALUE) {
                unknown = true;
            } else if (latest == Long.MIN_VALUE || mark.untilNanos - latest > 0) {
                latest = mark.untilNanos;
            }
        }
        Instant by = count == 0 || unknown || latest == Long.MIN_VALUE ? null
                : wallNow.plusNanos(Math.max(0, latest - now));
        return new Snapshot(count, leftForRedrive, grouped, by);
    }

    /** What {@link #snapshot()} returns; {@code visibleAgainBy} is null when none are hidden or it is unknown. */
    record Snapshot(int count, int leftForRedrive, int grouped, Instant visibleAgainBy) {
        /** The run's closing WARNING: what it leaves hidden, until when, and that the queue is not drained. */
        String warning(String runName, boolean deadLetters) {
            return runName + " leaves " + count + " messages hidden on the queue (" + leftForRedrive
                    + " left for redrive), visible again by "
                    + (visibleAgainBy == null ? "their visibility timeout" : visibleAgainBy)
                    + "; the queue is not drained" + (grouped == 0 ? "" : ", and the later messages of their "
                    + grouped + " ordered (FIFO) groups wait behind them" + (deadLetters ? "" : ": configure dead"
                    + " letters"));
        }
    }
}
