package io.maskpipe.core;

import io.maskpipe.core.spi.DeadLetter;
import io.maskpipe.core.spi.DeadLetters;
import io.maskpipe.core.spi.Delivery;
import io.maskpipe.core.spi.PipelineListener;
import io.maskpipe.core.spi.SinkException;
import io.maskpipe.core.spi.WriteResult;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Resolves one batch: writes its records (retrying transient failures, splitting on permanent ones), stores its
 * rejections as dead letters, then acknowledges what is durably handled.
 */
final class BatchWriter {
    /*
     * Maintainer notes. Order matters for at-least-once: acknowledge only after the sink or the dead-letter
     * destination returned. A permanent sink failure means "nothing of this batch was stored" (Sink#write), so the
     * halves are written again separately until the failing record stands alone and becomes a SINK_REJECTED
     * rejection; with one poison record among n, that costs about 2 log2(n) extra writes.
     */
    private static final System.Logger LOG = System.getLogger(Pipeline.class.getName());

    private final PipelineEngine engine;
    private final PipelineSettings settings;
    private final Counters counters;
    private final PipelineListener listener;

    BatchWriter(PipelineEngine engine) {
        this.engine = engine;
        this.settings = engine.settings;
        this.counters = engine.counters;
        this.listener = settings.listener();
    }

    void write(List<Entry> batch) throws InterruptedException {
        List<Entry> records = new ArrayList<>(batch.size());
        List<Entry> rejected = new ArrayList<>();
        List<Rejection> reasons = new ArrayList<>();
        for (Entry entry : batch) {
            if (entry.outcome instanceof Outcome.Rejected r) {
                rejected.add(entry);
                reasons.add(r.rejection());
            } else {
                records.add(entry);
            }
        }
        List<Entry> resolved = new ArrayList<>(batch.size());
        if (!records.isEmpty()) {
            long start = System.nanoTime();
            List<WriteResult> results = new ArrayList<>(records.size());
            writeSplitting(records, results);
            Duration latency = Duration.ofNanos(System.nanoTime() - start);
            int written = 0;
            int duplicates = 0;
            for (int i = 0; i < records.size(); i++) {
                Entry entry = records.get(i);
                WriteResult result = results.get(i);
                if (result.status() == WriteResult.Status.REJECTED) {
                    rejected.add(entry);
                    reasons.add(result.rejection().orElseThrow());
                } else if (entry.settle()) {
                    resolved.add(entry);
                    if (result.status() == WriteResult.Status.WRITTEN) {
                        written++;
                    } else {
                        duplicates++;
                    }
                }
            }
            counters.batches.increment();
            count(written, duplicates);
            listener.batchWritten(records.size(), latency);
            int w = written;
            int d = duplicates;
            LOG.log(Level.DEBUG, () -> "pipeline: batch of " + records.size() + " written in " + latency.toMillis()
                    + " ms (" + w + " written, " + d + " duplicates)");
        }
        if (!rejected.isEmpty()) {
            resolved.addAll(storeRejections(rejected, reasons));
        }
        acknowledge(resolved);
    }

    private void count(int written, int duplicates) {
        if (written > 0) {
            counters.written.add(written);
            listener.written(written);
        }
        if (duplicates > 0) {
            counters.duplicates.add(duplicates);
            listener.duplicates(duplicates);
        }
    }

    private void writeSplitting(List<Entry> entries, List<WriteResult> out) throws InterruptedException {
        List<Record> records = new ArrayList<>(entries.size());
        entries.forEach(entry -> records.add(entry.record()));
        try {
            out.addAll(withRetry("sink write", () -> checked(settings.sink().write(records), records.size())));
        } catch (SinkException e) {
            if (entries.size() == 1) {
                String id = entries.get(0).delivery.id();
                LOG.log(Level.INFO, () -> "pipeline: the sink refused message " + id + ": "
                        + PipelineEngine.describe(e));
                out.add(WriteResult.rejected(Rejection.of(ReasonCode.SINK_REJECTED,
                        "refused by the sink: " + PipelineEngine.describe(e))));
                return;
            }
            LOG.log(Level.INFO, () -> "pipeline: a batch of " + entries.size() + " failed for good, splitting it to"
                    + " isolate the failing record: " + PipelineEngine.describe(e));
            int middle = entries.size() / 2;
            writeSplitting(entries.subList(0, middle), out);
            writeSplitting(entries.subList(middle, entries.size()), out);
        }
    }

    private static List<WriteResult> checked(List<WriteResult> results, int expected) {
        if (results == null || results.size() != expected || results.contains(null)) {
            throw new SinkException("sink returned " + (results == null ? "no" : results.size()) + " results for "
                    + expected + " records", false, null);
        }
        return results;
    }

    /** Stores rejections; returns the entries to acknowledge (those now safely dead-lettered). */
    private List<Entry> storeRejections(List<Entry> entries, List<Rejection> reasons) throws InterruptedException {
        DeadLetters deadLetters = settings.deadLettersOrNull();
        boolean stored = false;
        if (deadLetters != null) {
            List<DeadLetter> letters = new ArrayList<>(entries.size());
            for (int i = 0; i < entries.size(); i++) {
                letters.add(new DeadLetter(entries.get(i).delivery, reasons.get(i)));
            }
            try {
                withRetry("dead-letter store", () -> {
                    deadLetters.store(letters);
                    return letters;
                });
                stored = true;
            } catch (SinkException e) {
                LOG.log(Level.WARNING, () -> "pipeline: the dead-letter destination refused " + entries.size()
                        + " rejected messages, left for redrive: " + PipelineEngine.describe(e));
            }
        }
        List<Entry> toAcknowledge = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            Entry entry = entries.get(i);
            if (!entry.settle()) {
                continue;
            }
            Rejection rejection = reasons.get(i);
            counters.rejected(rejection.reason());
            if (stored) {
                counters.deadLettered.increment();
                toAcknowledge.add(entry);
            }
            boolean deadLettered = stored;
            LOG.log(Level.INFO, () -> "pipeline: message " + entry.delivery.id() + " rejected ("
                    + (deadLettered ? "dead-lettered" : "left for redrive") + "): " + rejection);
            listener.rejected(entry.delivery.id(), rejection, stored);
        }
        return toAcknowledge;
    }

    private void acknowledge(List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        List<Delivery> deliveries = new ArrayList<>(entries.size());
        entries.forEach(entry -> deliveries.add(entry.delivery));
        try {
            settings.source().acknowledge(deliveries);
        } catch (RuntimeException e) {
            counters.acknowledgeFailures.add(deliveries.size());
            LOG.log(Level.WARNING, () -> "pipeline: acknowledging " + deliveries.size() + " messages failed, they"
                    + " will be delivered again and deduplicated by the sink: " + PipelineEngine.describe(e));
            listener.acknowledgeFailed(deliveries.size(), e);
        }
    }

    /** Calls a store, retrying transient failures with backoff; throws a permanent {@link SinkException}. */
    private <T> T withRetry(String what, Supplier<T> call) throws InterruptedException {
        for (int attempt = 1; ; attempt++) {
            if (engine.isAbandoned()) {
                throw new InterruptedException("pipeline abandoned");
            }
            SinkException failure;
            try {
                return call.get();
            } catch (SinkException e) {
                if (!e.isTransient()) {
                    throw e;
                }
                failure = e;
            } catch (RuntimeException e) {
                throw new SinkException(what + " threw " + e.getClass().getName(), false, e);
            }
            Backoff backoff = settings.retry();
            if (backoff.exhausted(attempt)) {
                throw new RetriesExhaustedException(what + " failed " + attempt + " times, the last time: "
                        + PipelineEngine.describe(failure), failure);
            }
            Duration delay = backoff.delay(attempt);
            counters.retries.increment();
            listener.retried(attempt, delay, failure);
            int n = attempt;
            LOG.log(Level.WARNING, () -> "pipeline: " + what + " failed (attempt " + n + "), retrying in "
                    + delay.toMillis() + " ms: " + PipelineEngine.describe(failure));
            TimeUnit.NANOSECONDS.sleep(delay.toNanos());
        }
    }
}
