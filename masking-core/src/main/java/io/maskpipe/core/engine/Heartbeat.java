package io.maskpipe.core.engine;

import io.maskpipe.core.spi.ConnectorException;
import io.maskpipe.core.spi.Delivery;
import io.maskpipe.core.spi.Source;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Extends the visibility of messages in flight for longer than half the source's visibility timeout, checking every
 * quarter of it, so a slow batch is not handed to another consumer meanwhile. In flight means received and not yet
 * acknowledged, released or left for redrive, whatever the stage: waiting for a batch, being written, written and
 * waiting while the batch's dead letters are retried, or being acknowledged.
 */
final class Heartbeat implements Runnable {
    private static final System.Logger LOG = System.getLogger(Heartbeat.class.getName());

    private final Source source;
    private final InFlight inFlight;
    private final Duration visibility;
    private final BiConsumer<String, Throwable> failRun;

    private Heartbeat(Source source, InFlight inFlight, Duration visibility, BiConsumer<String, Throwable> failRun) {
        this.source = source;
        this.inFlight = inFlight;
        this.visibility = visibility;
        this.failRun = failRun;
    }

    /** Schedules the heartbeat when it is on and the source has a visibility timeout (read at start). */
    static void schedule(PipelineSettings settings, Duration visibility, InFlight inFlight,
            ScheduledExecutorService scheduler, BiConsumer<String, Throwable> failRun) {
        if (!settings.visibilityHeartbeat() || visibility.isZero() || visibility.isNegative()) {
            return;
        }
        long period = Math.max(visibility.toNanos() / 4, TimeUnit.MILLISECONDS.toNanos(1));
        scheduler.scheduleWithFixedDelay(new Heartbeat(settings.source(), inFlight, visibility, failRun), period,
                period, TimeUnit.NANOSECONDS);
    }

    @Override
    public void run() {
        long now = System.nanoTime();
        long half = visibility.toNanos() / 2;
        List<Entry> due = new ArrayList<>();
        for (Entry entry : inFlight.live()) {
            if (!entry.gone && now - entry.visibleSinceNanos >= half) {
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
        } catch (RuntimeException e) { // transient or not, the next beat tries again; the sink deduplicates
            if (e instanceof ConnectorException c && c.failedIds().isPresent()) {
                Set<String> failed = c.failedIds().get();
                due.stream().filter(entry -> !failed.contains(entry.delivery.id()))
                        .forEach(entry -> entry.visibleSinceNanos = now);
            }
            LOG.log(Level.WARNING, () -> "pipeline: extending the visibility of " + deliveries.size()
                    + " messages failed: " + Failures.describe(e));
        } catch (Throwable e) { // an Error: a scheduled task that throws is never run again, so end the run
            failRun.accept("pipeline: the visibility heartbeat failed: " + Failures.describe(e), e);
        }
    }
}
