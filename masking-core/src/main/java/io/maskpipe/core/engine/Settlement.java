package io.maskpipe.core.engine;

import io.maskpipe.core.record.Rejection;
import io.maskpipe.core.spi.DeadLetter;
import io.maskpipe.core.spi.DeadLetters;
import io.maskpipe.core.spi.Delivery;
import io.maskpipe.core.spi.SinkException;
import io.maskpipe.core.spi.Source;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;

/**
 * Ends entries' stay in the engine at the source: stores rejections as dead letters, acknowledges what is durably
 * handled, and gives back (releases) what will not be finished.
 */
final class Settlement {
    /*
     * Maintainer notes. An entry is settled exactly once (Entry#settle): by whoever resolves it here or in
     * BatchWriter, or by a release when the run is abandoned. Only the settling caller counts it, and only a
     * resolution that stored it (record or dead letter) may lead to its acknowledgement. So a message released at a
     * stop is never also acknowledged, and counts stay exact: received = written + duplicates + rejected + released.
     */
    private static final System.Logger LOG = System.getLogger(Settlement.class.getName());

    private final Source source;
    private final DeadLetters deadLettersOrNull;
    private final Counters counters;
    private final RunEvents listener;
    private final Retrier retrier;

    Settlement(PipelineSettings settings, Counters counters, Retrier retrier) {
        this.source = settings.source();
        this.deadLettersOrNull = settings.deadLettersOrNull();
        this.counters = counters;
        this.listener = settings.listener();
        this.retrier = retrier;
    }

    /**
     * Stores rejections in the dead-letter destination, retrying transient failures, and settles them; returns the
     * entries to acknowledge: those now dead-lettered. Without a destination, or when it refuses them for good, none
     * is acknowledged and the queue's redrive policy takes over.
     *
     * @throws RunFailedException when the destination's transient failures outlasted the attempts
     */
    List<Entry> deadLetter(List<Entry> entries, List<Rejection> reasons) throws InterruptedException {
        boolean stored = false;
        if (deadLettersOrNull != null) {
            List<DeadLetter> letters = new ArrayList<>(entries.size());
            for (int i = 0; i < entries.size(); i++) {
                letters.add(new DeadLetter(entries.get(i).delivery, reasons.get(i)));
            }
            try {
                retrier.call("dead-letter store", () -> {
                    deadLettersOrNull.store(letters);
                    return letters;
                });
                stored = true;
            } catch (SinkException e) {
                LOG.log(Level.WARNING, () -> "pipeline: the dead-letter destination refused " + entries.size()
                        + " rejected messages, left for redrive: " + Failures.describe(e));
            }
        }
        List<Entry> toAcknowledge = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            if (!entry.settle()) {
                continue;
            }
            Rejection rejection = reasons.get(i);
            counters.rejected(rejection.reason());
            if (stored) {
                counters.deadLettered.increment();
                toAcknowledge.add(entry);
            }
            boolean deadLettered = stored;
            LOG.log(Level.INFO, () -> "pipeline: message " + entry.delivery.id() + " rejected ("
                    + (deadLettered ? "dead-lettered" : "left for redrive") + "): " + rejection);
            listener.rejected(entry.delivery.id(), rejection, stored);
        }
        return toAcknowledge;
    }

    /** Acknowledges settled, stored entries; a failure is counted and logged, and the messages come back. */
    void acknowledge(List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        List<Delivery> deliveries = deliveries(entries);
        try {
            source.acknowledge(deliveries);
        } catch (RuntimeException e) {
            counters.acknowledgeFailures.add(deliveries.size());
            LOG.log(Level.WARNING, () -> "pipeline: acknowledging " + deliveries.size() + " messages failed, they"
                    + " will be delivered again and deduplicated by the sink: " + Failures.describe(e));
            listener.acknowledgeFailed(deliveries.size(), e);
        }
    }

    /** Settles the entries nobody settled yet as released and gives them back to the source. */
    void release(List<Entry> entries) {
        List<Entry> unsettled = new ArrayList<>(entries.size());
        for (Entry entry : entries) {
            if (entry.settle()) {
                unsettled.add(entry);
            }
        }
        if (unsettled.isEmpty()) {
            return;
        }
        counters.released.add(unsettled.size());
        listener.released(unsettled.size());
        giveBack(deliveries(unsettled));
    }

    /** Makes deliveries visible again at the source; a failure is logged, and they come back later anyway. */
    void giveBack(List<Delivery> deliveries) {
        try {
            source.release(deliveries);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, () -> "pipeline: releasing " + deliveries.size() + " messages failed, they come"
                    + " back after their visibility timeout: " + Failures.describe(e));
        }
    }

    private static List<Delivery> deliveries(List<Entry> entries) {
        List<Delivery> deliveries = new ArrayList<>(entries.size());
        entries.forEach(entry -> deliveries.add(entry.delivery));
        return deliveries;
    }
}
