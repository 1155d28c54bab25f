package io.maskpipe.core.engine;

import io.maskpipe.core.spi.ConnectorException;
import io.maskpipe.core.spi.ConnectorException.Kind;
import io.maskpipe.core.spi.SinkException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The pipeline's one retry loop: calls a connector (the sink, the dead-letter destination, the source's
 * acknowledgement), retrying its {@code TRANSIENT} failures (and any exception that is not a
 * {@link ConnectorException}) with the pipeline's one {@link Backoff}, until it succeeds, fails as {@code DATA} or
 * {@code SETUP}, runs out of attempts or the run is abandoned. Connectors do not loop themselves.
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
     * Returns what the call returned, retrying transient failures.
     *
     * @throws ConnectorException a {@code DATA} or {@code SETUP} failure, as thrown
     * @throws RunFailedException when the attempts ran out
     * @throws InterruptedException when the run was abandoned or the thread interrupted while waiting
     */
    <T> T call(String what, Supplier<T> call) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            if (inFlight.isAbandoned()) {
                throw new InterruptedException("pipeline abandoned");
            }
            ConnectorException failure;
            try {
                return call.get();
            } catch (RuntimeException e) {
                failure = transientOrThrow(what, e);
            }
            if (backoff.exhausted(attempt)) {
                throw exhausted(what, attempt, failure);
            }
            pause(what, attempt, failure);
        }
    }

    /** Why {@link #each} stopped retrying the items it could not finish. */
    enum Stop { NONE, SETUP, EXHAUSTED, INTERRUPTED }

    /**
     * What {@link #each} did with its items.
     *
     * @param refused the items the connector refused for good ({@code DATA}): not retried
     * @param unfinished the items neither done nor refused, when the call stopped ({@code SETUP}, attempts out,
     *     abandoned or interrupted)
     * @param last the last failure, or {@code null}
     */
    record Each<X>(List<X> refused, List<X> unfinished, ConnectorException last, Stop stop) {
        boolean allDone() {
            return refused.isEmpty() && unfinished.isEmpty();
        }
    }

    /**
     * Calls the connector over the items, each retry for the items that failed alone (a failure's
     * {@link ConnectorException#failedIds()}, else all of the call's items). The first attempt is made even after
     * the run was abandoned, so what is stored is still acknowledged; retries are not. Never throws a connector's
     * failure: the result says what became of each item.
     */
    <X> Each<X> each(String what, List<X> items, Function<X, String> idOf, Consumer<List<X>> call) {
        List<X> pending = items;
        List<X> refused = new ArrayList<>();
        ConnectorException failure = null;
        for (int attempt = 1; ; attempt++) {
            try {
                call.accept(pending);
                return new Each<>(refused, List.of(), failure, Stop.NONE);
            } catch (RuntimeException e) {
                failure = e instanceof ConnectorException c ? c : wrap(what, e);
            }
            List<X> failed = failedOf(pending, failure, idOf);
            if (failure.kind() == Kind.SETUP) {
                return new Each<>(refused, failed, failure, Stop.SETUP);
            }
            if (failure.kind() == Kind.DATA) {
                refused.addAll(failed);
                return new Each<>(refused, List.of(), failure, Stop.NONE);
            }
            pending = failed;
            if (backoff.exhausted(attempt)) {
                return new Each<>(refused, pending, failure, Stop.EXHAUSTED);
            }
            try {
                if (inFlight.isAbandoned()) {
                    throw new InterruptedException("pipeline abandoned");
                }
                pause(what, attempt, failure);
            } catch (InterruptedException e) {
                if (!inFlight.isAbandoned()) {
                    Thread.currentThread().interrupt();
                }
                return new Each<>(refused, pending, failure, Stop.INTERRUPTED);
            }
        }
    }

    /** The most attempts one call gets; 0 means no limit. */
    int attempts() {
        return backoff.maxAttempts();
    }

    RunFailedException exhausted(String what, int attempts, ConnectorException failure) {
        return new RunFailedException(what + " failed " + attempts + " times, the last time: "
                + Failures.describe(failure), failure);
    }

    /** The items a failure concerns: those its ids name, when it names any of them, else all. */
    private static <X> List<X> failedOf(List<X> items, ConnectorException failure, Function<X, String> idOf) {
        Set<String> ids = failure.failedIds().orElse(null);
        if (ids == null) {
            return items;
        }
        List<X> failed = new ArrayList<>();
        for (X item : items) {
            if (ids.contains(idOf.apply(item))) {
                failed.add(item);
            }
        }
        return failed.isEmpty() ? items : failed; // ids that match nothing: the connector broke its word, retry all
    }

    private static ConnectorException transientOrThrow(String what, RuntimeException e) {
        if (e instanceof ConnectorException c) {
            if (c.kind() != Kind.TRANSIENT) {
                throw c;
            }
            return c;
        }
        return wrap(what, e);
    }

    /** An unclassified exception, counted as transient; its message is dropped, as it may quote a value. */
    private static ConnectorException wrap(String what, RuntimeException e) {
        return new SinkException(what + " threw " + e.getClass().getName(), Kind.TRANSIENT, e);
    }

    private void pause(String what, int attempt, ConnectorException failure) throws InterruptedException {
        Duration delay = backoff.delay(attempt);
        counters.retries.increment();
        listener.retried(attempt, delay, failure);
        LOG.log(Level.WARNING, () -> "pipeline: " + what + " failed (attempt " + attempt + "), retrying in "
                + delay.toMillis() + " ms: " + Failures.describe(failure));
        TimeUnit.NANOSECONDS.sleep(delay.toNanos());
    }
}
