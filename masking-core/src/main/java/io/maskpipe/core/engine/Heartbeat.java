package io.maskpipe.core.engine;

import io.maskpipe.core.spi.Delivery;
import io.maskpipe.core.spi.Source;
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
    private static final System.Logger LOG = System.getLogger(Heartbeat.class.getName());

    private final Source source;
    private final InFlight inFlight;
    private final Duration visibility;

    private Heartbeat(Source source, InFlight inFlight, Duration visibility) {
        this.source = source;
        this.inFlight = inFlight;
        this.visibility = visibility;
    }

    static void schedule(PipelineSettings settings, InFlight inFlight, ScheduledExecutorService scheduler) {
        if (!settings.visibilityHeartbeat()) {
            return;
        }
        Duration visibility = settings.source().visibilityTimeout();
        if (visibility == null || visibility.isZero() || visibility.isNegative()) {
            return;
        }
        long period = Math.max(visibility.toNanos() / 4, TimeUnit.MILLISECONDS.toNanos(1));
        scheduler.scheduleWithFixedDelay(new Heartbeat(settings.source(), inFlight, visibility), period, period,
                TimeUnit.NANOSECONDS);
    }

    @Override
    public void run() {
        long now = System.nanoTime();
        long half = visibility.toNanos() / 2;
        List<Entry> due = new ArrayList<>();
        for (Entry entry : inFlight.live()) {
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
            source.extendVisibility(deliveries, visibility);
            due.forEach(entry -> entry.visibleSinceNanos = now);
            LOG.log(Level.DEBUG, () -> "pipeline: extended the visibility of " + deliveries.size() + " messages by "
                    + visibility.toMillis() + " ms");
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, () -> "pipeline: extending the visibility of " + deliveries.size()
                    + " messages failed: " + Failures.describe(e));
        }
    }
}
