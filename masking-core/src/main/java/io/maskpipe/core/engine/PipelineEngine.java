package io.maskpipe.core.engine;

import io.maskpipe.core.spi.ConnectorException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One run of a pipeline, the engine's one entry: starts its threads (pollers, a dispatcher, writers, a scheduler), ends the run when it is
 * drained, stopped or failed, and reports how it went.
 */
public final class PipelineEngine {
    /*
     * Maintainer notes: how a run is shaped, and why.
     *
     * Flow. Pollers (Poller) receive, apply the steps in their own thread and hand the entries, accepted or
     * rejected, to InFlight in receive order. The dispatcher (here) takes due batches from InFlight and gives each to
     * a writer thread. A writer (BatchWriter) stores records through the sink and rejections through Settlement,
     * acknowledges what is stored, then gives the batch's in-flight slots and groups back.
     *
     * Shared state lives in InFlight under one lock and one condition (see its notes): the in-flight bound that
     * stops polling while the sink lags, the FIFO rule that keeps two batches of one group from being written at
     * once, the linger. No user code runs under that lock.
     *
     * At least once. A message is acknowledged only after its record came back WRITTEN or DUPLICATE from the sink,
     * or its rejection was stored by the dead-letter destination. Failures of the parts we call have three kinds
     * (ConnectorException.Kind; anything else a connector throws counts as TRANSIENT):
     * - TRANSIENT: the same work is retried with the one backoff (Retrier), for the failed items alone when a
     *   connector names them; the heartbeat keeps the messages hidden; nothing is acknowledged or dead-lettered.
     * - DATA, from the sink only: the batch is split down to the refused record, which becomes SINK_REJECTED and
     *   goes to dead letters. (From the dead-letter destination: that letter is left for redrive; from an
     *   acknowledgement: that message is given up on and comes back to be deduplicated.)
     * - SETUP: RunFailedException, the run ends, unsettled messages are released, nothing more is dead-lettered.
     * - Retries exhausted, or a sink that returns the wrong number of results: RunFailedException, the run fails.
     * - An Error anywhere, or an interrupt the engine did not send (someone cancelled work we cannot account for):
     *   the run fails. A listener's throw of any kind but a VirtualMachineError is logged and ignored.
     * A failed run releases (Source#release) every entry nobody settled, so everything received is counted once.
     * What the run leaves hidden on the queue (left for redrive, a failed delete or release) Hidden keeps per
     * message id, for the drain (which waits for failed deletes to come back) and the summary.
     *
     * Threads. Names are maskpipe-<run>-<role>-<n>. Pollers, the dispatcher and writers are not daemons: a started
     * pipeline keeps the JVM up like any server until it is stopped (docs/pipeline.md shows the shutdown hook). The
     * scheduler (progress lines, visibility heartbeat) is a daemon: housekeeping never holds a JVM. run() and stop()
     * join every thread before returning; only a source or sink call that ignores interruption can outlive them,
     * and that is logged.
     *
     * Ending. Drained or stopped: InFlight finishes (pollers end after their receive or backoff, lingering batches are
     * due at once), and the dispatcher ends the run once every poller and writer is done. Failed, or a stop ran out of
     * time: abandon() marks InFlight abandoned (nothing more is taken in or handed out), releases what is unsettled,
     * then interrupts every thread; a writer finishing late finds its entries settled and acknowledges nothing of them.
     */
    private static final System.Logger LOG = System.getLogger(PipelineEngine.class.getName());
    private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(30);
    /** How long run() waits for interrupted threads beyond one poll. */
    private static final Duration THREAD_GRACE = Duration.ofSeconds(5);
    private static final AtomicInteger RUNS = new AtomicInteger();

    private final PipelineSettings settings;
    private final Counters counters = new Counters();
    private final Hidden hidden = new Hidden();
    private final InFlight inFlight;
    private final Settlement settlement;
    private final BatchWriter batchWriter;
    private final int run = RUNS.incrementAndGet();

    private final Thread dispatcher;
    private final List<Thread> pollers = new ArrayList<>();
    private final ExecutorService writers;
    private final ScheduledExecutorService scheduler;
    /** Every thread this run made, so that awaiting the run's end means they have all ended. */
    private final List<Thread> made = new CopyOnWriteArrayList<>();

    private final AtomicReference<RunFailedException> failure = new AtomicReference<>();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final CountDownLatch terminated = new CountDownLatch(1);
    private volatile Tally finalSummary;
    private volatile long startNanos;
    private volatile long endNanos;

    public PipelineEngine(PipelineSettings settings, boolean drainWhenIdle) {
        this.settings = settings;
        this.inFlight = new InFlight(settings, drainWhenIdle ? settings.emptyReceivesToDrain() : 0, counters.received,
                hidden);
        Retrier retrier = new Retrier(settings, counters, inFlight);
        this.settlement = new Settlement(settings, counters, retrier, hidden);
        this.batchWriter = new BatchWriter(settings, counters, retrier, settlement);
        this.dispatcher = threads("dispatcher", false).newThread(this::dispatch);
        ThreadFactory pollerThreads = threads("poller", false);
        for (int i = 0; i < settings.pollers(); i++) {
            pollers.add(pollerThreads.newThread(
                    new Poller(settings, inFlight, settlement, hidden, this::fail, name())));
        }
        this.writers = Executors.newFixedThreadPool(settings.writers(), threads("writer", false));
        this.scheduler = Executors.newSingleThreadScheduledExecutor(threads("scheduler", true));
    }

    /**
     * Reads the source's visibility timeout, opens the sink, then starts the threads. Whatever fails, it throws a
     * RunFailedException and leaves no thread of this run behind.
     */
    public void start() {
        Duration visibility;
        try {
            visibility = settings.source().visibilityTimeout();
        } catch (Throwable e) {
            throw startFailed("the source's visibility timeout could not be read", e);
        }
        visibility = visibility == null || visibility.isNegative() ? Duration.ZERO : visibility;
        hidden.visibility(visibility);
        try {
            settings.sink().open();
        } catch (Throwable e) {
            throw startFailed("the sink could not be opened", e);
        }
        startNanos = System.nanoTime();
        LOG.log(Level.INFO, () -> name() + " started: " + settings);
        try {
            long progress = PROGRESS_INTERVAL.toNanos();
            scheduler.scheduleAtFixedRate(() -> LOG.log(Level.INFO, () -> name() + " progress: " + summary()
                    + " inFlight=" + inFlight.count()), progress, progress, TimeUnit.NANOSECONDS);
            Heartbeat.schedule(settings, visibility, inFlight, scheduler, this::fail);
            dispatcher.start();
            pollers.forEach(Thread::start);
        } catch (Throwable e) { // no thread could be made: end what started
            fail("pipeline: the run's threads could not be started: " + Failures.describe(e), e);
            awaitThreads();
            RunFailedException failed = failure.get();
            throw failed != null ? failed
                    : new RunFailedException("pipeline: the run's threads could not be started", e);
        }
    }

    private RunFailedException startFailed(String what, Throwable e) {
        writers.shutdownNow();
        scheduler.shutdownNow();
        return cannot(what, e);
    }

    /** The run's failure when it cannot begin: what failed, a hint when the setup must be fixed, the cause's text. */
    private static RunFailedException cannot(String what, Throwable e) {
        String kind = Failures.kindOf(e) == ConnectorException.Kind.TRANSIENT ? "" : " (fix the setup)";
        return new RunFailedException("pipeline: " + what + kind + ": " + Failures.describe(e), e);
    }

    /** The dispatcher's loop: hands due batches to writers until the run has nothing left to do. */
    private void dispatch() {
        try {
            for (List<Entry> batch = inFlight.nextBatch(); !batch.isEmpty(); batch = inFlight.nextBatch()) {
                List<Entry> taken = batch;
                writers.execute(() -> write(taken));
            }
        } catch (InterruptedException e) {
            if (!inFlight.isAbandoned()) {
                fail("pipeline: the dispatcher thread was interrupted by something other than the pipeline", e);
            }
            Thread.currentThread().interrupt();
            return;
        } catch (Throwable e) { // a RejectedExecutionException here means the run was abandoned meanwhile
            if (!inFlight.isAbandoned()) {
                fail("pipeline: the dispatcher failed: " + Failures.describe(e), e);
            }
            return;
        }
        if (!inFlight.isAbandoned()) {
            end();
        }
    }

    /** A writer thread's task: resolves one batch; whatever happens, gives its slots back. */
    private void write(List<Entry> batch) {
        try {
            batchWriter.write(batch);
        } catch (InterruptedException e) {
            if (!inFlight.isAbandoned()) {
                fail("pipeline: a writer thread was interrupted by something other than the pipeline", e);
            }
            Thread.currentThread().interrupt();
        } catch (RunFailedException e) {
            fail("pipeline: " + e.getMessage(), e.getCause());
        } catch (Throwable e) { // an Error too: the batch must be released, not dropped from the books
            fail("pipeline: a writer failed: " + Failures.describe(e), e);
        } finally {
            inFlight.batchDone(batch);
        }
    }

    /**
     * Receives once from the settings' source and resolves everything received in the calling thread, within the
     * time limit: for sources that are handed their messages (an AWS Lambda event). No thread is started.
     *
     * @return the counts
     * @throws RunFailedException when a setup failure stopped the work, or a failure left every message unresolved;
     *     unresolved messages are released to the source first
     * @throws InterruptedException when the calling thread is interrupted
     */
    public static Tally processHanded(PipelineSettings settings, Duration timeLimit) throws InterruptedException {
        openSink(settings);
        try {
            return new HandedBatch(settings).process(timeLimit);
        } catch (RunFailedException e) {
            throw new RunFailedException("pipeline: " + e.getMessage(), e.getCause());
        }
    }

    private static void openSink(PipelineSettings settings) {
        try {
            settings.sink().open();
        } catch (RuntimeException e) {
            throw cannot("the sink could not be opened", e);
        }
    }

    // ---- ending ----

    /**
     * Stops taking messages and waits up to {@code timeout} for in-flight work; then abandons what is left and waits
     * for the threads for whatever remains of the timeout.
     */
    public void stop(Duration timeout) {
        long begin = System.nanoTime();
        long timeoutNanos = saturatedNanos(timeout);
        if (inFlight.finish()) {
            LOG.log(Level.INFO, () -> name() + " stopping: finishing " + inFlight.count() + " in-flight messages"
                    + " within " + timeout.toMillis() + " ms");
        }
        boolean done;
        try {
            done = terminated.await(timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            done = false;
        }
        if (!done) {
            LOG.log(Level.WARNING, () -> name() + ": stop timed out after " + timeout.toMillis()
                    + " ms, releasing unfinished messages");
            abandon();
        }
        awaitThreads(timeoutNanos - (System.nanoTime() - begin));
    }

    /** Ends the run as failed (unless it already ended or was abandoned): everything unsettled is released. */
    void fail(String message, Throwable cause) {
        if (!inFlight.isAbandoned() && !ended.get()
                && failure.compareAndSet(null, new RunFailedException(message, cause))) {
            LOG.log(Level.ERROR, () -> message + "; releasing unfinished messages");
        }
        abandon();
    }

    /** Gives up on unfinished work: releases unsettled messages, interrupts every thread, ends the run. */
    private void abandon() {
        if (!inFlight.abandon()) {
            return;
        }
        try { // settle first: a late writer can no longer claim them
            settlement.release(inFlight.live());
        } catch (Throwable e) { // an Error while releasing: the run must still end
            LOG.log(Level.ERROR, () -> name() + ": releasing unfinished messages failed: " + Failures.describe(e));
        } finally {
            try {
                pollers.forEach(Thread::interrupt);
                writers.shutdownNow();
                dispatcher.interrupt();
            } finally {
                end();
            }
        }
    }

    private void end() {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        writers.shutdown();
        scheduler.shutdownNow();
        try {
            endNanos = System.nanoTime();
            finalSummary = tally(Duration.ofNanos(endNanos - startNanos));
            LOG.log(failure.get() == null ? Level.INFO : Level.WARNING, () -> name() + " ended: " + finalSummary);
            Hidden.Snapshot left = hidden.snapshot();
            if (left.count() > 0) {
                LOG.log(Level.WARNING, () -> left.warning(name(), settings.deadLettersOrNull() != null));
            }
        } finally {
            terminated.countDown();
        }
    }

    private Tally tally(Duration elapsed) {
        Hidden.Snapshot left = hidden.snapshot();
        boolean drained = ended.get() && failure.get() == null && inFlight.isDrained() && left.count() == 0
                && counters.released.sum() == 0;
        return counters.summary(elapsed, left, drained);
    }

    /** For run(): waits for every thread after the run ended, one poll and a grace period at most. */
    public void awaitThreads() {
        awaitThreads(saturatedNanos(settings.pollWait().plus(THREAD_GRACE)));
    }

    /** Waits up to {@code nanos} for every thread of an ended run to end; logs the ones still busy. */
    private void awaitThreads(long nanos) {
        long deadline = System.nanoTime() + Math.max(nanos, 0);
        try {
            TimeUnit.NANOSECONDS.timedJoin(dispatcher, deadline - System.nanoTime());
            for (Thread poller : pollers) {
                TimeUnit.NANOSECONDS.timedJoin(poller, deadline - System.nanoTime());
            }
            writers.awaitTermination(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            scheduler.awaitTermination(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            for (Thread thread : made) { // a pool reports terminated a moment before its last thread has ended
                TimeUnit.NANOSECONDS.timedJoin(thread, deadline - System.nanoTime());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long busy = pollers.stream().filter(Thread::isAlive).count() + (dispatcher.isAlive() ? 1 : 0);
        if (busy > 0 || !writers.isTerminated() || !scheduler.isTerminated()) {
            LOG.log(Level.WARNING, () -> name() + ": some threads are still in source or sink calls that ignore"
                    + " interruption; their results are ignored");
        } else { // nothing can count any more: take in what a thread counted between end() and its own end
            finalSummary = tally(Duration.ofNanos(endNanos - startNanos));
        }
    }

    // ---- observation ----

    public void awaitTermination() throws InterruptedException {
        terminated.await();
    }

    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        return terminated.await(saturatedNanos(timeout), TimeUnit.NANOSECONDS);
    }

    public boolean isTerminated() {
        return terminated.getCount() == 0;
    }

    public Tally summary() {
        Tally last = finalSummary;
        return last != null ? last : tally(Duration.ofNanos(System.nanoTime() - startNanos));
    }

    public RunFailedException failureOrNull() {
        return failure.get();
    }

    /** How log lines name this run: {@code pipeline 3}. */
    String name() {
        return "pipeline " + run;
    }


    private static long saturatedNanos(Duration duration) {
        return duration.compareTo(Duration.ofDays(106_751)) > 0 ? Long.MAX_VALUE / 2 : duration.toNanos();
    }

    private ThreadFactory threads(String role, boolean daemon) {
        AtomicInteger count = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "maskpipe-" + run + "-" + role + "-" + count.incrementAndGet());
            thread.setDaemon(daemon);
            made.add(thread);
            return thread;
        };
    }
}
