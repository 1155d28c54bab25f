package io.maskpipe.examples;

import io.maskpipe.core.record.Rejection;
import io.maskpipe.core.PipelineListener;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Prints a progress line every few seconds while the pipeline runs: received, written, duplicates and rejected so far,
 * and the rate since the start. Counts only, so nothing sensitive can reach the terminal this way.
 */
final class Progress implements PipelineListener, AutoCloseable {
    static final Duration EVERY = Duration.ofSeconds(3);

    private final LongAdder received = new LongAdder();
    private final LongAdder written = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder rejected = new LongAdder();
    private final PrintStream out;
    private final long expected;
    private final long start = System.nanoTime();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "example-progress");
        thread.setDaemon(true);
        return thread;
    });

    private Progress(PrintStream out, long expected) {
        this.out = out;
        this.expected = expected;
    }

    /** Starts printing to {@code out}; {@code expected} is how many messages were sent (0 when unknown). */
    static Progress start(PrintStream out, long expected) {
        Progress progress = new Progress(out, expected);
        progress.timer.scheduleAtFixedRate(progress::print, EVERY.toMillis(), EVERY.toMillis(), TimeUnit.MILLISECONDS);
        return progress;
    }

    @Override
    public void received(int count) {
        received.add(count);
    }

    @Override
    public void written(int count) {
        written.add(count);
    }

    @Override
    public void duplicates(int count) {
        duplicates.add(count);
    }

    @Override
    public void rejected(String messageId, Rejection rejection, boolean deadLettered) {
        rejected.increment();
    }

    private void print() {
        double seconds = (System.nanoTime() - start) / 1e9;
        long done = received.sum();
        String of = expected > 0 ? String.format(Locale.ROOT, " of %,d (%,d%%)", expected, 100 * done / expected) : "";
        out.printf(Locale.ROOT, "[%6.1f s] received %,d%s, written %,d, duplicates %,d, rejected %,d: %,.0f msgs/s%n",
                seconds, done, of, written.sum(), duplicates.sum(), rejected.sum(), done / seconds);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
