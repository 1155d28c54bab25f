package io.maskpipe.core.engine;

import io.maskpipe.core.spi.SinkException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Calls a store (the sink or the dead-letter destination), retrying its transient failures with backoff until it
 * succeeds, fails for good, runs out of attempts or the run is abandoned.
 */
final class Retrier {
    private static final System.Logger LOG = System.getLogger(Retrier.class.getName());

    private final Backoff backoff;
    private final Counters counters;
    private final RunEvents listener;
    private final InFlight inFlight;

    Retrier(PipelineSettings settings, Counters counters, InFlight inFlight) {
        this(settings, counters, inFlight, settings.retry().maxAttempts());
    }

    /** A retrier whose attempts are cut to {@code maxAttempts} (0: no limit), to fit a deadline. */
    Retrier(PipelineSettings settings, Counters counters, InFlight inFlight, int maxAttempts) {
        Backoff retry = settings.retry();
        this.backoff = new Backoff(retry.initialDelay(), retry.maxDelay(), maxAttempts);
        this.counters = counters;
        this.listener = settings.listener();
        this.inFlight = inFlight;
    }

    /**
     * Returns what the store returned. Any exception but a {@link SinkException} counts as a permanent failure: an
     * unexpected exception says nothing about whether trying again could help, and splitting a batch isolates the
     * record that causes it.
     *
     * @throws SinkException a permanent failure
     * @throws RunFailedException when the attempts ran out
     * @throws InterruptedException when the run was abandoned or the thread interrupted while waiting
     */
    <T> T call(String what, Supplier<T> store) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            if (inFlight.isAbandoned()) {
                throw new InterruptedException("pipeline abandoned");
            }
            SinkException failure;
            try {
                return store.get();
            } catch (SinkException e) {
                if (!e.isTransient()) {
                    throw e;
                }
                failure = e;
            } catch (RuntimeException e) {
                throw new SinkException(what + " threw " + e.getClass().getName(), false, e);
            }
            if (backoff.exhausted(attempt)) {
                throw new RunFailedException(what + " failed " + attempt + " times, the last time: "
                        + Failures.describe(failure), failure);
            }
            Duration delay = backoff.delay(attempt);
            counters.retries.increment();
            listener.retried(attempt, delay, failure);
            int n = attempt;
            LOG.log(Level.WARNING, () -> "pipeline: " + what + " failed (attempt " + n + "), retrying in "
                    + delay.toMillis() + " ms: " + Failures.describe(failure));
            TimeUnit.NANOSECONDS.sleep(delay.toNanos());
        }
    }
}
