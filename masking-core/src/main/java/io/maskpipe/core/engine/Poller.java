package io.maskpipe.core.engine;

import io.maskpipe.core.record.Outcome;
import io.maskpipe.core.record.ReasonCode;
import io.maskpipe.core.record.Record;
import io.maskpipe.core.record.Rejection;
import io.maskpipe.core.spi.Delivery;
import io.maskpipe.core.spi.ConnectorException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * One polling thread's loop: receives while the in-flight bound allows, applies the steps to each message in this
 * thread (so CPU work spreads over pollers) and hands the entries over, accepted or rejected, in receive order.
 */
final class Poller implements Runnable {
    private static final System.Logger LOG = System.getLogger(Poller.class.getName());

    private final PipelineSettings settings;
    private final InFlight inFlight;
    private final Settlement settlement;
    private final BiConsumer<String, Throwable> failRun;
    private final String runName;
    private final Hidden hidden;

    Poller(PipelineSettings settings, InFlight inFlight, Settlement settlement, Hidden hidden,
            BiConsumer<String, Throwable> failRun, String runName) {
        this.hidden = hidden;
        this.settings = settings;
        this.inFlight = inFlight;
        this.settlement = settlement;
        this.failRun = failRun;
        this.runName = runName;
    }

    @Override
    public void run() {
        int failures = 0;
        try {
            while (inFlight.awaitCapacity()) {
                List<Delivery> deliveries;
                try {
                    deliveries = settings.source().receive(settings.pollWait());
                } catch (RuntimeException e) { // unclassified counts as transient: back off and try again
                    if (Failures.kindOf(e) != ConnectorException.Kind.TRANSIENT) {
                        failRun.accept("pipeline: the source cannot be used, fix its setup: " + Failures.describe(e)
                                + "; every message stays on the queue", e);
                        return;
                    }
                    Duration delay = settings.retry().delay(++failures);
                    LOG.log(Level.WARNING, () -> "pipeline: receive failed, retrying in " + delay.toMillis()
                            + " ms: " + Failures.describe(e));
                    inFlight.pause(delay.toNanos());
                    continue;
                }
                failures = 0;
                if (deliveries == null || deliveries.isEmpty()) {
                    int empty = inFlight.emptyReceive();
                    if (empty > 0) {
                        LOG.log(Level.INFO, () -> runName + ": source drained (" + empty
                                + " empty receives in a row), finishing");
                    }
                } else {
                    handOver(deliveries);
                }
            }
        } catch (InterruptedException e) {
            if (!inFlight.isAbandoned()) {
                failRun.accept("pipeline: a poller thread was interrupted by something other than the pipeline", e);
            }
            Thread.currentThread().interrupt();
        } catch (Throwable e) { // an Error too: the run must end rather than lose its last poller quietly
            failRun.accept("pipeline: a poller failed: " + Failures.describe(e), e);
        } finally {
            inFlight.pollerEnded();
        }
    }

    private void handOver(List<Delivery> deliveries) {
        inFlight.reserve(deliveries.size());
        long now = System.nanoTime();
        List<Entry> entries = new ArrayList<>(deliveries.size());
        try {
            for (Delivery delivery : deliveries) {
                Entry entry = new Entry(delivery, process(settings.steps(), delivery), now);
                entry.deadLettered = hidden.receivedAgain(delivery.id());
                entries.add(entry);
            }
        } catch (Throwable e) { // an Error from a step (a custom masker's, an OutOfMemoryError): give them back
            settlement.giveBack(deliveries);
            throw e;
        }
        if (inFlight.add(entries)) {
            settings.listener().received(entries.size());
        } else {
            settlement.giveBack(deliveries); // the run has ended: not counted, back to the queue at once
        }
    }

    /** Applies the steps; a throw, which only a built-in's bug could cause, rejects this message alone. */
    static Outcome process(Function<Record, Outcome> steps, Delivery delivery) {
        if (!(delivery.content() instanceof Outcome.Accepted accepted)) {
            return delivery.content();
        }
        Outcome outcome;
        try {
            outcome = steps.apply(accepted.record());
        } catch (RuntimeException e) {
            return Outcome.reject(Rejection.of(ReasonCode.TRANSFORM_FAILED, "a step threw " + e.getClass().getName()));
        }
        return outcome != null ? outcome
                : Outcome.reject(Rejection.of(ReasonCode.TRANSFORM_FAILED, "a step returned no outcome"));
    }
}
