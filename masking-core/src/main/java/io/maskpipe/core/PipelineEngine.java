package io.maskpipe.core;

import io.maskpipe.core.spi.Delivery;
import io.maskpipe.core.spi.SourceException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One run of a pipeline: pollers, a dispatcher that gathers batches, writers, and a scheduler for the visibility
 * heartbeat and progress lines.
 */
final class PipelineEngine {
    /*
     * Maintainer notes.
     *
     * Flow: pollers receive, apply the steps in their own thread (so CPU work spreads over pollers) and append the
     * entries, accepted or rejected, to `pending` in receive order. The dispatcher takes batches from `pending` when
     * a writer is free and the batch is full, has lingered long enough, or the run is finishing. A writer
     * (BatchWriter) stores records and rejections, then acknowledges, then gives the in-flight slots back.
     *
     * Everything shared (pending, inFlight, busyGroups, phase, counts of live threads) is guarded by `lock`; one
     * condition `changed` is signalled on every change and each waiter rechecks its own predicate. Few threads wait,
     * so signalAll costs nothing worth a second condition.
     *
     * FIFO: a group is "busy" while a batch holding one of its messages is being written. The dispatcher skips busy
     * groups' entries (and so all later entries of that group, keeping their order), so two batches in flight never
     * share a group, at any number of writers.
     *
     * Settling: an entry is settled once (Entry.settle), either by the writer that resolved it or by a stop that
     * released it. That makes counts exact and keeps a released message from also being acknowledged.
     */
    private static final System.Logger LOG = System.getLogger(Pipeline.class.getName());
    private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(30);
    private static final AtomicInteger RUNS = new AtomicInteger();

    private enum Phase { RUNNING, FINISHING }

    final PipelineSettings settings;
    final Counters counters = new Counters();
    private final boolean drainWhenIdle;
    private final int run = RUNS.incrementAndGet();

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ArrayDeque<Entry> pending = new ArrayDeque<>();
    private final Set<String> busyGroups = new HashSet<>();
    private final Set<Entry> live = ConcurrentHashMap.newKeySet();
    private Phase phase = Phase.RUNNING;
    private int inFlight;
    private int activeWriters;
    private int pollersAlive;
    private int emptyReceivesInARow;

    private final AtomicBoolean abandoned = new AtomicBoolean();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final CountDownLatch terminated = new CountDownLatch(1);
    private volatile PipelineException failure;
    private volatile PipelineSummary finalSummary;
    private long startNanos;

    private final List<Thread> pollers = new ArrayList<>();
    private Thread dispatcher;
    private ExecutorService writers;
    private ScheduledExecutorService scheduler;

    PipelineEngine(PipelineSettings settings, boolean drainWhenIdle) {
        this.settings = settings;
        this.drainWhenIdle = drainWhenIdle;
    }

    void start() {
        try {
            settings.sink().open();
        } catch (RuntimeException e) {
            throw new PipelineException("pipeline: the sink could not be opened: " + describe(e), e);
        }
        startNanos = System.nanoTime();
        LOG.log(Level.INFO, () -> "pipeline " + run + " started: " + settings);
        writers = Executors.newFixedThreadPool(settings.writers(), named("writer", false));
        scheduler = Executors.newSingleThreadScheduledExecutor(named("scheduler", true));
        scheduler.scheduleAtFixedRate(() -> LOG.log(Level.INFO, () -> "pipeline " + run + " progress: "
                + summary() + " inFlight=" + inFlight()), PROGRESS_INTERVAL.toMillis(), PROGRESS_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
        Heartbeat.schedule(this, scheduler);
        dispatcher = named("dispatcher", false).newThread(this::dispatch);
        pollersAlive = settings.pollers();
        for (int i = 0; i < settings.pollers(); i++) {
            pollers.add(named("poller", false).newThread(this::poll));
        }
        dispatcher.start();
        pollers.forEach(Thread::start);
    }

    // ---- pollers ----

    private void poll() {
        int failures = 0;
        try {
            while (awaitCapacity()) {
                List<Delivery> deliveries;
                try {
                    deliveries = settings.source().receive(settings.pollWait());
                } catch (SourceException e) {
                    if (!e.isTransient()) {
                        fail("pipeline: the source failed: " + describe(e), e);
                        return;
                    }
                    Duration delay = settings.retry().delay(++failures);
                    LOG.log(Level.WARNING, () -> "pipeline: receive failed, retrying in " + delay.toMillis()
                            + " ms: " + describe(e));
                    Thread.sleep(delay.toMillis());
                    continue;
                }
                failures = 0;
                if (deliveries == null || deliveries.isEmpty()) {
                    onEmptyReceive();
                } else {
                    handOver(deliveries);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            fail("pipeline: a poller failed: " + describe(e), e);
        } finally {
            lock.lock();
            try {
                pollersAlive--;
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    /** Waits while too many messages are in flight; returns false once the run is finishing. */
    private boolean awaitCapacity() throws InterruptedException {
        lock.lock();
        try {
            while (phase == Phase.RUNNING && inFlight >= settings.maxInFlight()) {
                changed.await();
            }
            return phase == Phase.RUNNING;
        } finally {
            lock.unlock();
        }
    }

    private void onEmptyReceive() {
        lock.lock();
        try {
            emptyReceivesInARow++;
            if (drainWhenIdle && phase == Phase.RUNNING && inFlight == 0
                    && emptyReceivesInARow >= settings.emptyReceivesToDrain()) {
                LOG.log(Level.INFO, () -> "pipeline " + run + ": source drained (" + emptyReceivesInARow
                        + " empty receives in a row), finishing");
                phase = Phase.FINISHING;
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    private void handOver(List<Delivery> deliveries) {
        long now = System.nanoTime();
        List<Entry> entries = new ArrayList<>(deliveries.size());
        for (Delivery delivery : deliveries) {
            entries.add(new Entry(delivery, process(delivery), now));
        }
        counters.received.add(entries.size());
        settings.listener().received(entries.size());
        lock.lock();
        try {
            if (!abandoned.get()) {
                emptyReceivesInARow = 0;
                inFlight += entries.size();
                pending.addAll(entries);
                live.addAll(entries);
                changed.signalAll();
                return;
            }
        } finally {
            lock.unlock();
        }
        release(entries);
    }

    private Outcome process(Delivery delivery) {
        Outcome content = delivery.content();
        return content instanceof Outcome.Accepted accepted ? settings.steps().apply(accepted.record()) : content;
    }

    // ---- dispatcher ----

    private void dispatch() {
        RuntimeException crash = null;
        lock.lock();
        try {
            dispatchUntilDone();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        } catch (RuntimeException e) {
            crash = e;
        } finally {
            lock.unlock();
        }
        if (crash != null) {
            fail("pipeline: the dispatcher failed: " + describe(crash), crash);
        } else if (!abandoned.get()) {
            end();
        }
    }

    /** Hands batches to writers until everything is resolved or the run is abandoned; called holding the lock. */
    private void dispatchUntilDone() throws InterruptedException {
        while (!abandoned.get()) {
            boolean finishing = phase == Phase.FINISHING;
            if (finishing && pollersAlive == 0 && pending.isEmpty() && activeWriters == 0) {
                return;
            }
            long waitNanos = Long.MAX_VALUE;
            if (activeWriters < settings.writers()) {
                long now = System.nanoTime();
                List<Entry> batch = new ArrayList<>();
                long due = collectEligible(batch) + settings.maxLinger().toNanos();
                if (!batch.isEmpty() && (finishing || batch.size() >= settings.maxBatchRows() || now - due >= 0)) {
                    submit(batch);
                    continue;
                }
                if (!batch.isEmpty()) {
                    waitNanos = due - now;
                }
            }
            if (waitNanos == Long.MAX_VALUE) {
                changed.await();
            } else {
                changed.awaitNanos(waitNanos);
            }
        }
    }

    /** Fills {@code batch} with pending entries whose group is free, in order; returns the first one's arrival. */
    private long collectEligible(List<Entry> batch) {
        long oldest = 0;
        for (Entry entry : pending) {
            if (batch.size() == settings.maxBatchRows()) {
                break;
            }
            String group = entry.group();
            if (group == null || !busyGroups.contains(group)) {
                if (batch.isEmpty()) {
                    oldest = entry.receivedNanos;
                }
                batch.add(entry);
            }
        }
        return oldest;
    }

    private void submit(List<Entry> batch) {
        Set<Entry> taken = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        taken.addAll(batch);
        for (Iterator<Entry> it = pending.iterator(); it.hasNext() && !taken.isEmpty(); ) {
            if (taken.remove(it.next())) {
                it.remove();
            }
        }
        for (Entry entry : batch) {
            if (entry.group() != null) {
                busyGroups.add(entry.group());
            }
        }
        activeWriters++;
        writers.execute(() -> write(batch));
    }

    // ---- writers ----

    private void write(List<Entry> batch) {
        try {
            new BatchWriter(this).write(batch);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RetriesExhaustedException e) {
            fail("pipeline: " + e.getMessage(), e.getCause());
        } catch (RuntimeException e) {
            fail("pipeline: a writer failed: " + describe(e), e);
        } finally {
            lock.lock();
            try {
                activeWriters--;
                inFlight -= batch.size();
                for (Entry entry : batch) {
                    live.remove(entry);
                    if (entry.group() != null) {
                        busyGroups.remove(entry.group());
                    }
                }
                changed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    boolean isAbandoned() {
        return abandoned.get();
    }

    Set<Entry> live() {
        return live;
    }

    // ---- stopping ----

    void stop(Duration timeout) {
        lock.lock();
        try {
            if (phase == Phase.RUNNING) {
                LOG.log(Level.INFO, () -> "pipeline " + run + " stopping: finishing " + inFlight
                        + " in-flight messages within " + timeout.toMillis() + " ms");
                phase = Phase.FINISHING;
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
        boolean done;
        try {
            done = terminated.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            done = false;
        }
        if (!done) {
            LOG.log(Level.WARNING, () -> "pipeline " + run + ": stop timed out after " + timeout.toMillis()
                    + " ms, releasing unfinished messages");
            abandon();
        }
    }

    private void fail(String message, Throwable cause) {
        if (failure == null) {
            failure = new PipelineException(message, cause);
            LOG.log(Level.ERROR, () -> message + "; releasing unfinished messages");
        }
        abandon();
    }

    /** Gives up on unfinished work: stops every thread, releases unsettled messages, ends the run. */
    private void abandon() {
        if (!abandoned.compareAndSet(false, true)) {
            return;
        }
        lock.lock();
        try {
            phase = Phase.FINISHING;
            pending.clear();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        release(new ArrayList<>(live)); // settle first, so an interrupted writer can no longer claim its batch
        pollers.forEach(Thread::interrupt);
        writers.shutdownNow();
        if (dispatcher != null) {
            dispatcher.interrupt();
        }
        end();
    }

    private void release(List<Entry> entries) {
        List<Delivery> unsettled = new ArrayList<>();
        for (Entry entry : entries) {
            if (entry.settle()) {
                unsettled.add(entry.delivery);
            }
        }
        if (unsettled.isEmpty()) {
            return;
        }
        counters.released.add(unsettled.size());
        settings.listener().released(unsettled.size());
        try {
            settings.source().release(unsettled);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, () -> "pipeline: releasing " + unsettled.size() + " messages failed, they come"
                    + " back after their visibility timeout: " + describe(e));
        }
    }

    private void end() {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        writers.shutdown();
        scheduler.shutdownNow();
        finalSummary = counters.summary(Duration.ofNanos(System.nanoTime() - startNanos));
        LOG.log(failure == null ? Level.INFO : Level.WARNING, () -> "pipeline " + run + " ended: " + finalSummary);
        terminated.countDown();
    }

    // ---- observation ----

    void awaitTermination() throws InterruptedException {
        terminated.await();
    }

    boolean awaitTermination(Duration timeout) throws InterruptedException {
        return terminated.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    boolean isTerminated() {
        return terminated.getCount() == 0;
    }

    PipelineSummary summary() {
        PipelineSummary last = finalSummary;
        return last != null ? last : counters.summary(Duration.ofNanos(System.nanoTime() - startNanos));
    }

    PipelineException failureOrNull() {
        return failure;
    }

    int inFlight() {
        lock.lock();
        try {
            return inFlight;
        } finally {
            lock.unlock();
        }
    }

    /** A safe description of a failure: a maskpipe exception's message (values never in it), else the class. */
    static String describe(Throwable e) {
        return e instanceof MaskpipeException && e.getMessage() != null ? e.getMessage() : e.getClass().getName();
    }

    private java.util.concurrent.ThreadFactory named(String role, boolean daemon) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "maskpipe-" + run + "-" + role + "-" + count.incrementAndGet());
            thread.setDaemon(daemon);
            return thread;
        };
    }
}
