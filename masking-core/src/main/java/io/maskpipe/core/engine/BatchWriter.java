package io.maskpipe.core.engine;

import io.maskpipe.core.record.Outcome;
import io.maskpipe.core.record.ReasonCode;
import io.maskpipe.core.record.Record;
import io.maskpipe.core.record.Rejection;
import io.maskpipe.core.spi.Sink;
import io.maskpipe.core.spi.ConnectorException;
import io.maskpipe.core.spi.WriteResult;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolves one batch: writes its records to the sink (retrying transient failures, splitting on data failures to
 * isolate the refused record, ending the run on setup failures), stores its rejections as dead letters, then
 * acknowledges what is durably handled.
 */
final class BatchWriter {
    /*
     * Maintainer notes. Order matters for at-least-once: acknowledge only after the sink or the dead-letter
     * destination returned. A DATA sink failure means "nothing of this batch was stored, one record's data is
     * refused" (Sink#write), so the halves are written again separately until the failing record stands alone and
     * becomes a SINK_REJECTED rejection; with one poison record among n, that costs about 2 log2(n) extra writes.
     * Only DATA splits: a TRANSIENT failure (and any exception a sink did not classify) retries the same batch, and
     * SETUP ends the run, so a whole-database problem never dead-letters good records.
     *
     * A sink that returns the wrong number of results (or a null one) broke its contract: it may have stored any of
     * the records, so no result can be matched to a record. Splitting would dead-letter and acknowledge records that
     * might be stored, so the run fails instead and every record of the batch comes back.
     *
     * What is stored is acknowledged even when the batch ends in an exception (dead letters out of attempts, an
     * abandoned run), so a stored record comes back only when its acknowledgement itself fails.
     */
    private static final System.Logger LOG = System.getLogger(BatchWriter.class.getName());

    private final Sink sink;
    private final Counters counters;
    private final RunEvents listener;
    private final Retrier retrier;
    private final Settlement settlement;

    BatchWriter(PipelineSettings settings, Counters counters, Retrier retrier, Settlement settlement) {
        this.sink = settings.sink();
        this.counters = counters;
        this.listener = settings.listener();
        this.retrier = retrier;
        this.settlement = settlement;
    }

    /**
     * Resolves the batch.
     *
     * @throws RunFailedException when retries ran out or the sink broke its contract
     * @throws InterruptedException when the run was abandoned or the thread interrupted
     */
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
        List<Entry> stored = new ArrayList<>(batch.size());
        try {
            if (!records.isEmpty()) {
                writeRecords(records, stored, rejected, reasons);
            }
            if (!rejected.isEmpty()) {
                settlement.deadLetter(rejected, reasons, stored);
            }
        } finally {
            settlement.acknowledge(stored);
        }
    }

    /** Writes the records; settles and adds the stored ones to {@code stored}, the refused ones to the rejected. */
    private void writeRecords(List<Entry> records, List<Entry> stored, List<Entry> rejected, List<Rejection> reasons)
            throws InterruptedException {
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
                stored.add(entry);
                if (result.status() == WriteResult.Status.WRITTEN) {
                    written++;
                } else {
                    duplicates++;
                }
            }
        }
        counters.batches.increment();
        if (written > 0) {
            counters.written.add(written);
            listener.written(written);
        }
        if (duplicates > 0) {
            counters.duplicates.add(duplicates);
            listener.duplicates(duplicates);
        }
        listener.batchWritten(records.size(), latency);
        int w = written;
        int d = duplicates;
        LOG.log(Level.DEBUG, () -> "pipeline: batch of " + records.size() + " written in " + latency.toMillis()
                + " ms (" + w + " written, " + d + " duplicates)");
    }

    private void writeSplitting(List<Entry> entries, List<WriteResult> out) throws InterruptedException {
        List<Record> records = new ArrayList<>(entries.size());
        entries.forEach(entry -> records.add(entry.record()));
        List<WriteResult> results;
        try {
            results = retrier.call("sink write", () -> sink.write(records));
        } catch (ConnectorException e) {
            if (e.kind() != ConnectorException.Kind.DATA) {
                throw new RunFailedException("the sink cannot be used, fix its setup: " + Failures.describe(e)
                        + "; every message not yet stored stays on the queue", e);
            }
            if (entries.size() == 1) {
                String id = entries.get(0).delivery.id();
                LOG.log(Level.INFO, () -> "pipeline: the sink refused message " + id + ": "
                        + Failures.describe(e));
                out.add(WriteResult.rejected(Rejection.of(ReasonCode.SINK_REJECTED,
                        "refused by the sink: " + Failures.describe(e))));
                return;
            }
            LOG.log(Level.INFO, () -> "pipeline: the sink refused a record of a batch of " + entries.size()
                    + ", splitting it to isolate the record: " + Failures.describe(e));
            int middle = entries.size() / 2;
            writeSplitting(entries.subList(0, middle), out);
            writeSplitting(entries.subList(middle, entries.size()), out);
            return;
        }
        out.addAll(checked(results, records.size()));
    }

    /** Checks the sink kept its contract: one non-null result per record. */
    private static List<WriteResult> checked(List<WriteResult> results, int expected) {
        boolean complete = results != null && results.size() == expected;
        for (int i = 0; complete && i < expected; i++) {
            complete = results.get(i) != null;
        }
        if (!complete) {
            throw new RunFailedException("the sink returned " + (results == null ? "no list of"
                    : results.size() == expected ? "a null among its" : results.size()) + " results for a batch of "
                    + expected + " records", null);
        }
        return results;
    }
}
