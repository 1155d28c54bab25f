package io.maskpipe.core;

import io.maskpipe.core.spi.Delivery;
import io.maskpipe.core.spi.SourceException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One polling thread's loop: receives while the in-flight bound allows, applies the steps to each message in this
 * thread (so CPU work spreads over pollers) and hands the entries over, accepted or rejected, in receive order.
 */
final class Poller implements Runnable {
    private static final System.Logger LOG = System.getLogger(Pipeline.class.getName());

    private final PipelineEngine engine;
    private final PipelineSettings settings;

    Poller(PipelineEngine engine) {
        this.engine = engine;
        this.settings = engine.settings;
    }

    @Override
    public void run() {
        InFlight inFlight = engine.inFlight;
        int failures = 0;
        try {
            while (inFlight.awaitCapacity()) {
                List<Delivery> deliveries;
                try {
                    deliveries = settings.source().receive(settings.pollWait());
                } catch (SourceException e) {
                    if (!e.isTransient()) {
                        engine.fail("pipeline: the source failed: " + PipelineEngine.describe(e), e);
                        return;
                    }
                    Duration delay = settings.retry().delay(++failures);
                    LOG.log(Level.WARNING, () -> "pipeline: receive failed, retrying in " + delay.toMillis()
                            + " ms: " + PipelineEngine.describe(e));
                    inFlight.pause(delay.toNanos());
                    continue;
                }
                failures = 0;
                if (deliveries == null || deliveries.isEmpty()) {
                    int empty = inFlight.emptyReceive();
                    if (empty > 0) {
                        LOG.log(Level.INFO, () -> engine.name() + ": source drained (" + empty
                                + " empty receives in a row), finishing");
                    }
                } else {
                    handOver(deliveries);
                }
            }
        } catch (InterruptedException e) {
            if (!inFlight.isAbandoned()) {
                engine.fail("pipeline: a poller thread was interrupted by something other than the pipeline", e);
            }
            Thread.currentThread().interrupt();
        } catch (Throwable e) { // an Error too: the run must end rather than lose its last poller quietly
            engine.fail("pipeline: a poller failed: " + PipelineEngine.describe(e), e);
        } finally {
            inFlight.pollerEnded();
        }
    }

    private void handOver(List<Delivery> deliveries) {
        engine.inFlight.reserve(deliveries.size());
        long now = System.nanoTime();
        List<Entry> entries = new ArrayList<>(deliveries.size());
        for (Delivery delivery : deliveries) {
            entries.add(new Entry(delivery, process(delivery), now));
        }
        if (engine.inFlight.add(entries)) {
            settings.listener().received(entries.size());
        } else {
            engine.settlement.giveBack(deliveries); // the run has ended: not counted, back to the queue at once
        }
    }

    /** Applies the steps; a throw, which only a built-in's bug could cause, rejects this message alone. */
    private Outcome process(Delivery delivery) {
        if (!(delivery.content() instanceof Outcome.Accepted accepted)) {
            return delivery.content();
        }
        Outcome outcome;
        try {
            outcome = settings.steps().apply(accepted.record());
        } catch (RuntimeException e) {
            return Outcome.reject(Rejection.of(ReasonCode.TRANSFORM_FAILED, Steps.threw("a step", e)));
        }
        return outcome != null ? outcome
                : Outcome.reject(Rejection.of(ReasonCode.TRANSFORM_FAILED, "a step returned no outcome"));
    }
}
