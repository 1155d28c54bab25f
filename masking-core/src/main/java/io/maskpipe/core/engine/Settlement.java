package io.maskpipe.core.engine;

import io.maskpipe.core.record.Rejection;
import io.maskpipe.core.spi.DeadLetter;
import io.maskpipe.core.spi.DeadLetters;
import io.maskpipe.core.spi.Delivery;
import io.maskpipe.core.spi.Source;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Ends entries' stay in the engine at the source: stores rejections as dead letters, acknowledges what is durably
 * handled, and gives back (releases) what will not be finished; what it leaves hidden on the queue it notes in
 * {@link Hidden}.
 */
final class Settlement {
    /*
     * Maintainer notes. An entry is settled exactly once (Entry#settle): by whoever resolves it here or in
     * BatchWriter, or by a release when the run is abandoned. Only the settling caller counts it, and only a
     * resolution that stored it (record or dead letter) may lead to its acknowledgement. So a message released at a
     * stop is never also acknowledged, and counts stay exact: received = written + duplicates + rejected + released.
     *
     * Dead letters and acknowledgements go through Retrier#each: a retry sends only what failed (a connector's
     * failedIds), so a letter that went through is never sent again by this run. A rejection whose letter was
     * stored but whose delete failed comes back; Hidden remembers it, and the redelivery is only acknowledged
     * (counted as a duplicate), not stored again.
     */
    private static final System.Logger LOG = System.getLogger(Settlement.class.getName());

    private final Source source;
    private final DeadLetters deadLettersOrNull;
    private final Counters counters;
    private final RunEvents listener;
    private final Retrier retrier;
    private final Hidden hidden;

    Settlement(PipelineSettings settings, Counters counters, Retrier retrier, Hidden hidden) {
        this.source = settings.source();
        this.deadLettersOrNull = settings.deadLettersOrNull();
        this.counters = counters;
        this.listener = settings.listener();
        this.retrier = retrier;
        this.hidden = hidden;
    }

    /**
     * Stores rejections in the dead-letter destination and settles them; returns the entries to acknowledge: those
     * now dead-lettered, and redeliveries of rejections this run already stored. Without a destination, or for the
     * letters it refuses as {@code DATA}, none is acknowledged and the queue's redrive policy takes over. The
     * entries to acknowledge are added to {@code toAcknowledge} as they are stored, even when this throws.
     *
     * @throws RunFailedException when the destination's setup is wrong or its transient failures outlasted the
     *     attempts; the rejections not stored are left to the release
     */
    void deadLetter(List<Entry> entries, List<Rejection> reasons, List<Entry> toAcknowledge)
            throws InterruptedException {
        Map<Entry, Rejection> reasonOf = new IdentityHashMap<>();
        List<DeadLetter> letters = new ArrayList<>(entries.size());
        Map<DeadLetter, Entry> entryOf = new IdentityHashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            reasonOf.put(entry, reasons.get(i));
            if (entry.deadLettered) {
                if (entry.settle()) { // stored by an earlier delivery of this run whose delete failed
                    counters.duplicates.increment();
                    listener.duplicates(1);
                    toAcknowledge.add(entry);
                }
            } else if (deadLettersOrNull != null) {
                DeadLetter letter = new DeadLetter(entry.delivery, reasons.get(i));
                letters.add(letter);
                entryOf.put(letter, entry);
            } else {
                leftForRedrive(entry, reasons.get(i));
            }
        }
        if (letters.isEmpty()) {
            return;
        }
        Retrier.Each<DeadLetter> each = retrier.each("dead-letter store", letters,
                letter -> letter.delivery().id(), deadLettersOrNull::store);
        Set<DeadLetter> notStored = Collections.newSetFromMap(new IdentityHashMap<>());
        notStored.addAll(each.unfinished());
        notStored.addAll(each.refused());
        List<Entry> refused = new ArrayList<>();
        each.refused().forEach(letter -> refused.add(entryOf.get(letter)));
        for (DeadLetter letter : letters) {
            if (notStored.contains(letter)) {
                continue;
            }
            Entry entry = entryOf.get(letter);
            entry.deadLettered = true;
            if (entry.settle()) {
                Rejection rejection = reasonOf.get(entry);
                counters.rejected(rejection.reason());
                counters.deadLettered.increment();
                toAcknowledge.add(entry);
                LOG.log(Level.INFO, () -> "pipeline: message " + entry.delivery.id() + " rejected (dead-lettered): "
                        + rejection);
                listener.rejected(entry.delivery.id(), rejection, true);
            }
        }
        if (!refused.isEmpty()) {
            LOG.log(Level.WARNING, () -> "pipeline: the dead-letter destination refused " + refused.size()
                    + " rejected messages for their content, left for redrive: " + Failures.describe(each.last()));
            refused.forEach(entry -> leftForRedrive(entry, reasonOf.get(entry)));
        }
        switch (each.stop()) {
            case SETUP -> throw new RunFailedException("the dead-letter destination cannot be used, fix its setup: "
                    + Failures.describe(each.last()) + "; the rejected messages stay on the queue", each.last());
            case EXHAUSTED -> throw retrier.exhausted("dead-letter store", retrier.attempts(), each.last());
            case INTERRUPTED -> throw new InterruptedException("pipeline abandoned while storing dead letters");
            default -> {
            }
        }
    }

    private void leftForRedrive(Entry entry, Rejection rejection) {
        if (!entry.settle()) {
            return;
        }
        counters.rejected(rejection.reason());
        entry.gone = true;
        hidden.hide(entry, Hidden.Why.LEFT_FOR_REDRIVE);
        LOG.log(Level.INFO, () -> "pipeline: message " + entry.delivery.id() + " rejected (left for redrive): "
                + rejection);
        listener.rejected(entry.delivery.id(), rejection, false);
    }

    /**
     * Acknowledges settled, stored entries, retrying transient failures for the failed ones alone; those it gives
     * up on are counted one by one and noted as hidden: they come back and are deduplicated.
     *
     * @throws RunFailedException when the source's setup refuses acknowledgements or the attempts ran out
     */
    void acknowledge(List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        Retrier.Each<Entry> each = retrier.each("acknowledge", entries, entry -> entry.delivery.id(),
                list -> source.acknowledge(deliveries(list)));
        List<Entry> failed = new ArrayList<>(each.refused());
        failed.addAll(each.unfinished());
        for (Entry entry : entries) {
            entry.gone = true;
        }
        if (!failed.isEmpty()) {
            failed.forEach(entry -> hidden.hide(entry, Hidden.Why.NOT_ACKNOWLEDGED));
            counters.acknowledgeFailures.add(failed.size());
            LOG.log(Level.WARNING, () -> "pipeline: acknowledging " + failed.size() + " of " + entries.size()
                    + " messages failed, they will be delivered again and deduplicated: "
                    + Failures.describe(each.last()));
            listener.acknowledgeFailed(failed.size(), each.last());
        }
        switch (each.stop()) {
            case SETUP -> throw new RunFailedException("the source refused to acknowledge, fix its setup: "
                    + Failures.describe(each.last()), each.last());
            case EXHAUSTED -> throw retrier.exhausted("acknowledge", retrier.attempts(), each.last());
            default -> {
            }
        }
    }

    /** Settles the entries nobody settled yet as released and gives them back to the source. */
    void release(List<Entry> entries) {
        List<Entry> unsettled = new ArrayList<>(entries.size());
        for (Entry entry : entries) {
            if (entry.settle()) {
                entry.gone = true;
                unsettled.add(entry);
            }
        }
        if (unsettled.isEmpty()) {
            return;
        }
        counters.released.add(unsettled.size());
        listener.released(unsettled.size());
        if (!giveBack(deliveries(unsettled))) {
            unsettled.forEach(entry -> hidden.hide(entry, Hidden.Why.NOT_RELEASED));
        }
    }

    /**
     * Makes deliveries visible again at the source; returns false when that failed (logged: they come back after
     * their visibility timeout anyway). Catches any throwable: a release runs while a run ends, which must end.
     */
    boolean giveBack(List<Delivery> deliveries) {
        try {
            source.release(deliveries);
            return true;
        } catch (Throwable e) {
            LOG.log(Level.WARNING, () -> "pipeline: releasing " + deliveries.size() + " messages failed, they come"
                    + " back after their visibility timeout: " + Failures.describe(e));
            return false;
        }
    }

    private static List<Delivery> deliveries(List<Entry> entries) {
        List<Delivery> deliveries = new ArrayList<>(entries.size());
        entries.forEach(entry -> deliveries.add(entry.delivery));
        return deliveries;
    }
}
