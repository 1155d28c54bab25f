package io.maskpipe.core.engine;

import io.maskpipe.core.record.Outcome;
import io.maskpipe.core.spi.ConnectorException;
import io.maskpipe.core.spi.Delivery;
import io.maskpipe.core.spi.SourceException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * Processes the messages a source was handed (an AWS Lambda event, say) to the end, in the calling thread, within a
 * time limit: the engine's entry beside its polling loop.
 */
final class HandedBatch {
    /*
     * Maintainer notes. The same parts as a polling run, without its threads: steps as the poller applies them,
     * batches written by BatchWriter (which settles, dead-letters and acknowledges exactly as in a polling run), so
     * the at-least-once rules hold unchanged. What differs:
     * - Time. The caller has a deadline (a Lambda invocation's remaining time). Each batch's retry attempts are cut
     *   to what fits in the time left, so a transient failure ends the batch in time to report it, never by a kill.
     * - Failure. A batch whose transient failure outlasted its time is released; the later messages of its FIFO
     *   groups are released unwritten, the other groups go on. So are the later messages of a group whose message
     *   was rejected with no dead-letter destination to take it (it waits for the queue's redrive). A SETUP failure
     *   stops everything: the rest is released and the run fails. When no message could be resolved at all the run
     *   fails too, so the caller can hand the whole batch back (a Lambda handler throws; the event source mapping
     *   then backs off).
     * The source learns each message's fate the usual way: acknowledge (resolved) or release (must come back);
     * a rejection with no dead-letter destination is neither, and stays the source's to hand back.
     */
    private static final System.Logger LOG = System.getLogger(HandedBatch.class.getName());
    private static final Duration MAX_TIME_LIMIT = Duration.ofDays(365);

    private final PipelineSettings settings;
    private final Counters counters = new Counters();
    private final Hidden hidden = new Hidden(); // no visibility timeout: the caller's mapping owns visibility

    HandedBatch(PipelineSettings settings) {
        this.settings = settings;
    }

    /**
     * Receives once and resolves everything received.
     *
     * @throws RunFailedException when a SETUP failure stopped the work, or a failure left every message unresolved
     */
    Tally process(Duration timeLimit) throws InterruptedException {
        long start = System.nanoTime();
        Duration capped = timeLimit.compareTo(MAX_TIME_LIMIT) > 0 ? MAX_TIME_LIMIT : timeLimit; // toNanos overflows
        long limit = capped.toNanos();
        long deadline = start + Math.max(0, limit);
        List<Delivery> deliveries;
        try {
            deliveries = settings.source().receive(Duration.ZERO);
        } catch (SourceException e) {
            throw new RunFailedException("the source failed: " + Failures.describe(e), e);
        }
        List<Entry> entries = new ArrayList<>(deliveries.size());
        for (Delivery delivery : deliveries) {
            entries.add(new Entry(delivery, Poller.process(settings.steps(), delivery), start));
        }
        if (!entries.isEmpty()) {
            counters.received.add(entries.size());
            settings.listener().received(entries.size());
        }
        RunFailedException failure = writeAll(entries, deadline);
        Hidden.Snapshot left = hidden.snapshot();
        boolean resolved = left.count() == 0 && counters.released.sum() == 0;
        Tally tally = counters.summary(Duration.ofNanos(System.nanoTime() - start), left, resolved);
        if (failure != null && (isSetup(failure) || tally.released() == entries.size())) {
            throw failure;
        }
        return tally;
    }

    private RunFailedException writeAll(List<Entry> entries, long deadline) throws InterruptedException {
        Set<String> failedGroups = new HashSet<>();
        RunFailedException failure = null;
        int batchRows = settings.maxBatchRows();
        for (int from = 0; from < entries.size(); from += batchRows) {
            List<Entry> batch = new ArrayList<>();
            List<Entry> held = new ArrayList<>();
            for (Entry entry : entries.subList(from, Math.min(entries.size(), from + batchRows))) {
                String group = entry.group();
                if (group != null && failedGroups.contains(group)) {
                    held.add(entry);
                    continue;
                }
                batch.add(entry);
                if (group != null && settings.deadLettersOrNull() == null
                        && entry.outcome instanceof Outcome.Rejected) {
                    failedGroups.add(group); // left for redrive: the group's later messages must wait behind it
                }
            }
            Retrier retrier = new Retrier(settings, counters, new InFlight(settings, 0, new LongAdder(), hidden),
                    attemptsIn(deadline));
            Settlement settlement = new Settlement(settings, counters, retrier, hidden);
            settlement.release(held);
            if (batch.isEmpty()) {
                continue;
            }
            if (failure != null && isSetup(failure)) {
                settlement.release(batch);
                continue;
            }
            try {
                new BatchWriter(settings, counters, retrier, settlement).write(batch);
            } catch (RunFailedException e) {
                failure = e;
                List<Entry> unresolved = batch.stream().filter(entry -> !entry.isSettled()).toList();
                unresolved.stream().map(Entry::group).filter(Objects::nonNull).forEach(failedGroups::add);
                LOG.log(Level.WARNING, () -> "pipeline: handing back " + unresolved.size() + " messages: "
                        + e.getMessage());
                settlement.release(unresolved);
            }
        }
        return failure;
    }

    /** How many attempts of the pipeline's backoff fit before the deadline; at least one. */
    private int attemptsIn(long deadline) {
        Backoff backoff = settings.retry();
        long left = deadline - System.nanoTime();
        int attempts = 1;
        long waited = 0;
        while (attempts < 1_000 && (backoff.maxAttempts() == 0 || attempts < backoff.maxAttempts())) {
            waited += backoff.delay(attempts).toNanos();
            if (waited >= left) {
                break;
            }
            attempts++;
        }
        return attempts;
    }

    private static boolean isSetup(RunFailedException failure) {
        return failure.getCause() instanceof ConnectorException c && c.kind() == ConnectorException.Kind.SETUP;
    }
}
