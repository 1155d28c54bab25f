package io.maskpipe.core.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The messages a run holds and what may happen to them next, under one lock: entries waiting for a batch, how many
 * are unresolved (the in-flight bound), which ordered groups are being written, how many pollers and writers are at
 * work, and whether the run still takes messages. Pollers, the dispatcher and writers meet only here.
 */
final class InFlight {
    /*
     * Maintainer notes.
     *
     * One lock, two conditions. Pollers wait on `changed` for capacity (or a finish); the dispatcher waits on
     * `batchDue` for a due batch and a free writer. Every change but an add signals both (changedAll), and each
     * waiter rechecks its own predicate in a loop. An add frees no capacity, so it wakes no poller, and it wakes the
     * dispatcher only when that can make a batch due sooner than the linger the dispatcher already waits out: the
     * first entry of an empty queue, the entry that fills a batch, or any add while a group is busy (then what is
     * eligible is not a prefix of the queue). Waking the dispatcher on every receive cost about 1 us of CPU and 0.07
     * context switches per message at 4 pollers (docs/performance.md, "CPU per message"). Nothing here calls out of
     * the engine while holding the lock: sources, sinks and listeners run outside it.
     *
     * `count` is the in-flight bound: it rises as soon as a poller's receive returns messages (before the steps run)
     * and falls only when their batch is done, so memory is bounded by maxInFlight (plus one receive per poller that
     * started below it).
     *
     * Drain (run() only): emptyReceivesToDrain empty receives in a row, each seen with nothing in flight and no
     * message whose delete failed still hidden (Hidden). An empty receive while messages are in flight resets the
     * streak, since a FIFO queue holds a group's later messages back
     * until the earlier ones are acknowledged. The rule is a heuristic, as for any queue: messages another consumer
     * holds, or that a poller has taken but not yet returned from its receive, are invisible to it.
     *
     * A batch is due when it is full, when its oldest entry has waited maxLinger, or at once while finishing. It is
     * taken in receive order, skipping the entries of a group that is busy (being written by another batch): so a
     * group's later entries never overtake its earlier ones, and two batches in flight never share a group, at any
     * number of writers. The group stays busy until the whole batch is done, retries and splits included.
     *
     * The unresolved entries (for the visibility heartbeat and for a release at abandonment) are those waiting in
     * `pending` and those of the batches being written (`writing`, by identity), plus, once abandoned, those that were
     * waiting then (`dropped`): kept per batch, not per message, so a message costs no set insertion and removal.
     * live() copies them under the lock. `abandoned` is written under the lock and read without it by writers
     * between retries.
     */
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Condition batchDue = lock.newCondition();
    private final ArrayDeque<Entry> pending = new ArrayDeque<>();
    private final Set<String> busyGroups = new HashSet<>();
    private final Set<List<Entry>> writing = Collections.newSetFromMap(new IdentityHashMap<>());
    private List<Entry> dropped = List.of();
    private final int maxInFlight;
    private final int maxBatchRows;
    private final long lingerNanos;
    private final int writers;
    private final int emptyReceivesToDrain;
    private final LongAdder received;
    private final Hidden hidden;
    private boolean drained;
    private boolean finishing;
    private volatile boolean abandoned;
    private int count;
    private int activeWriters;
    private int pollersAlive;
    private int emptyReceivesInARow;

    /** {@code emptyReceivesToDrain} 0 means the run never finishes because the source is idle. */
    InFlight(PipelineSettings settings, int emptyReceivesToDrain, LongAdder received, Hidden hidden) {
        this.received = received;
        this.hidden = hidden;
        this.maxInFlight = settings.maxInFlight();
        this.maxBatchRows = settings.maxBatchRows();
        this.lingerNanos = settings.maxLinger().toNanos();
        this.writers = settings.writers();
        this.pollersAlive = settings.pollers();
        this.emptyReceivesToDrain = emptyReceivesToDrain;
    }

    // ---- pollers ----

    /** Waits while the in-flight bound is reached; returns false once the run is finishing. */
    boolean awaitCapacity() throws InterruptedException {
        lock.lock();
        try {
            while (!finishing && count >= maxInFlight) {
                changed.await();
            }
            return !finishing;
        } finally {
            lock.unlock();
        }
    }

    /** Waits up to {@code nanos} (a poller's backoff), returning early when the run starts finishing. */
    void pause(long nanos) throws InterruptedException {
        long left = nanos;
        lock.lock();
        try {
            while (!finishing && left > 0) {
                left = changed.awaitNanos(left);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Counts messages in flight as soon as a receive returned them, before the steps run, so that neither the
     * in-flight bound nor the drain rule overlooks them.
     */
    void reserve(int messages) {
        lock.lock();
        try {
            count += messages;
            emptyReceivesInARow = 0;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Takes the entries of a {@link #reserve reserved} receive in and counts them as received; returns false,
     * taking and counting nothing, when the run was abandoned. Counting under the lock keeps the final counts whole:
     * an entry counted here is in {@link #live()} when the run is abandoned, so it is also counted as released.
     */
    boolean add(List<Entry> entries) {
        lock.lock();
        try {
            if (abandoned) {
                return false;
            }
            received.add(entries.size());
            int before = pending.size();
            pending.addAll(entries);
            if (activeWriters < writers && (before == 0 || finishing || !busyGroups.isEmpty()
                    || (before < maxBatchRows && pending.size() >= maxBatchRows))) {
                batchDue.signal();
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Notes an empty receive; returns how many came in a row when this one made the run finish because the source
     * is drained, else 0. Only empty receives with nothing in flight count: while messages are in flight, a queue
     * may hold back their successors (FIFO groups), so an empty receive then says nothing about the backlog. Nor do
     * they while a message whose acknowledgement failed is still hidden: it will come back, to be deduplicated.
     */
    int emptyReceive() {
        lock.lock();
        try {
            if (count > 0 || hidden.awaitingRedelivery(System.nanoTime())) {
                emptyReceivesInARow = 0;
                return 0;
            }
            emptyReceivesInARow++;
            if (emptyReceivesToDrain > 0 && !finishing && emptyReceivesInARow >= emptyReceivesToDrain) {
                finishing = true;
                drained = true;
                changedAll();
                return emptyReceivesInARow;
            }
            return 0;
        } finally {
            lock.unlock();
        }
    }

    void pollerEnded() {
        lock.lock();
        try {
            pollersAlive--;
            changedAll();
        } finally {
            lock.unlock();
        }
    }

    // ---- dispatcher and writers ----

    /**
     * Waits until a writer is free and a batch is due, takes it out of the waiting entries and marks its groups
     * busy; returns an empty list when there is nothing left to do: the run is finishing, every poller and writer
     * has ended and nothing waits, or the run was abandoned.
     */
    List<Entry> nextBatch() throws InterruptedException {
        lock.lock();
        try {
            while (!abandoned) {
                if (finishing && pollersAlive == 0 && pending.isEmpty() && activeWriters == 0) {
                    return List.of();
                }
                long waitNanos = Long.MAX_VALUE;
                if (activeWriters < writers && !pending.isEmpty()) {
                    long now = System.nanoTime();
                    // With no group busy, the eligible entries are the queue's first ones: count them, and copy
                    // them only when they are taken.
                    List<Entry> eligible = busyGroups.isEmpty() ? null : eligible();
                    int size = eligible == null ? Math.min(pending.size(), maxBatchRows) : eligible.size();
                    if (size > 0) {
                        Entry first = eligible == null ? pending.peekFirst() : eligible.get(0);
                        long due = first.receivedNanos + lingerNanos;
                        if (finishing || size >= maxBatchRows || now - due >= 0) {
                            List<Entry> batch = eligible == null ? first(size) : eligible;
                            take(batch);
                            return batch;
                        }
                        waitNanos = due - now;
                    }
                }
                if (waitNanos == Long.MAX_VALUE) {
                    batchDue.await();
                } else {
                    batchDue.awaitNanos(waitNanos);
                }
            }
            return List.of();
        } finally {
            lock.unlock();
        }
    }

    /** Gives a finished batch's slots and groups back, whatever became of its entries. */
    void batchDone(List<Entry> batch) {
        lock.lock();
        try {
            activeWriters--;
            count -= batch.size();
            writing.remove(batch);
            for (Entry entry : batch) {
                if (entry.group() != null) {
                    busyGroups.remove(entry.group());
                }
            }
            changedAll();
        } finally {
            lock.unlock();
        }
    }

    /** The first {@code size} waiting entries. */
    private List<Entry> first(int size) {
        List<Entry> batch = new ArrayList<>(size);
        Iterator<Entry> it = pending.iterator();
        for (int i = 0; i < size; i++) {
            batch.add(it.next());
        }
        return batch;
    }

    /** The waiting entries whose group is free, in receive order, at most a batch of them. */
    private List<Entry> eligible() {
        List<Entry> batch = new ArrayList<>(Math.min(maxBatchRows, pending.size()));
        for (Entry entry : pending) {
            if (batch.size() == maxBatchRows) {
                break;
            }
            String group = entry.group();
            if (group == null || !busyGroups.contains(group)) {
                batch.add(entry);
            }
        }
        return batch;
    }

    /** Takes the batch out of the waiting entries: it is a subsequence of them, in their order (eligible()). */
    private void take(List<Entry> batch) {
        int next = 0;
        for (Iterator<Entry> it = pending.iterator(); it.hasNext() && next < batch.size(); ) {
            if (it.next() == batch.get(next)) {
                it.remove();
                next++;
            }
        }
        for (Entry entry : batch) {
            if (entry.group() != null) {
                busyGroups.add(entry.group());
            }
        }
        writing.add(batch);
        activeWriters++;
    }

    // ---- the run as a whole ----

    /** Stops taking messages: pollers end after their receive, lingering batches are due at once. */
    boolean finish() {
        lock.lock();
        try {
            boolean wasRunning = !finishing;
            finishing = true;
            changedAll();
            return wasRunning;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Gives up on the entries held: nothing more is taken in or handed out. Returns true for the one caller that
     * abandons; from then on {@link #live()} holds exactly the entries that some thread may still settle.
     */
    boolean abandon() {
        lock.lock();
        try {
            if (abandoned) {
                return false;
            }
            abandoned = true;
            finishing = true;
            dropped = new ArrayList<>(pending);
            pending.clear();
            changedAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    boolean isAbandoned() {
        return abandoned;
    }

    /** Whether the run finished because the source was drained (not stopped, not abandoned). */
    boolean isDrained() {
        lock.lock();
        try {
            return drained && !abandoned;
        } finally {
            lock.unlock();
        }
    }

    /** A copy of every unresolved entry: waiting (or waiting when the run was abandoned), or being written. */
    List<Entry> live() {
        lock.lock();
        try {
            List<Entry> live = new ArrayList<>(pending.size() + dropped.size() + writing.size() * maxBatchRows);
            live.addAll(pending);
            live.addAll(dropped);
            writing.forEach(live::addAll);
            return live;
        } finally {
            lock.unlock();
        }
    }

    /** Wakes every waiter: pollers waiting for capacity and the dispatcher waiting for a batch. */
    private void changedAll() {
        changed.signalAll();
        batchDue.signal();
    }

    int count() {
        lock.lock();
        try {
            return count;
        } finally {
            lock.unlock();
        }
    }
}
