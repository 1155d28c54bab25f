package io.maskpipe.core;

import io.maskpipe.core.spi.Delivery;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Extends the visibility of messages in flight for longer than half the source's visibility timeout, checking every
 * quarter of it, so a slow batch is not handed to another consumer meanwhile.
 */
final class Heartbeat implements Runnable {
    private static final System.Logger LOG = System.getLogger(Pipeline.class.getName());

    private final PipelineEngine engine;
    private final Duration visibility;

    private Heartbeat(PipelineEngine engine, Duration visibility) {
        this.engine = engine;
        this.visibility = visibility;
    }

    static void schedule(PipelineEngine engine, ScheduledExecutorService scheduler) {
        if (!engine.settings.visibilityHeartbeat()) {
            return;
        }
        Duration visibility = engine.settings.source().visibilityTimeout();
        if (visibility == null || visibility.isZero() || visibility.isNegative()) {
            return;
        }
        long period = Math.max(visibility.toNanos() / 4, TimeUnit.MILLISECONDS.toNanos(1));
        scheduler.scheduleWithFixedDelay(new Heartbeat(engine, visibility), period, period, TimeUnit.NANOSECONDS);
    }

    @Override
    public void run() {
        long now = System.nanoTime();
        long half = visibility.toNanos() / 2;
        List<Entry> due = new ArrayList<>();
        for (Entry entry : engine.live()) {
            if (!entry.isSettled() && now - entry.visibleSinceNanos >= half) {
                due.add(entry);
            }
        }
        if (due.isEmpty()) {
            return;
        }
        List<Delivery> deliveries = new ArrayList<>(due.size());
        due.forEach(entry -> deliveries.add(entry.delivery));
        try {
            engine.settings.source().extendVisibility(deliveries, visibility);
            due.forEach(entry -> entry.visibleSinceNanos = now);
            LOG.log(Level.DEBUG, () -> "pipeline: extended the visibility of " + deliveries.size() + " messages by "
                    + visibility.toMillis() + " ms");
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, () -> "pipeline: extending the visibility of " + deliveries.size()
                    + " messages failed: " + PipelineEngine.describe(e));
        }
    }
}
