package io.maskpipe.sqs;

import io.maskpipe.core.spi.ConnectorException.Kind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToIntFunction;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;

/**
 * Runs one of SQS's batch calls ({@code DeleteMessageBatch}, {@code ChangeMessageVisibilityBatch},
 * {@code SendMessageBatch}) over any number of items: in chunks SQS accepts, once, returning the entries SQS reports
 * as failed so the caller can report them. It does not retry: the SDK retries a failed call on its transport, and
 * the pipeline's engine retries the failed entries alone with its one backoff. Entry ids are the item's position
 * in its chunk.
 *
 * <p>With an executor and more than one call allowed in flight, a round's chunks are sent concurrently: the calling
 * thread and up to {@code maxConcurrent - 1} executor threads take chunks in order until none are left. A round of
 * one chunk, or one call allowed, runs on the calling thread alone. Results are read in chunk order, so the outcome
 * is the one a sequential run would give, except that chunks already sent when another one's call failed count
 * as done rather than unsent.
 */
final class BatchCalls {
    /** SQS's limit of entries per batch call. */
    static final int MAX_ENTRIES = 10;

    private final Executor executor;
    private final int maxConcurrent;

    /** Sends chunks one after another on the calling thread. */
    BatchCalls() {
        this(null, 1);
    }

    /**
     * Sends up to {@code maxConcurrent} chunks at a time, the calling thread's included, the others on
     * {@code executor}; a rejected hand-off (executor shut down) leaves the work to the calling thread.
     */
    BatchCalls(Executor executor, int maxConcurrent) {
        this.executor = executor;
        this.maxConcurrent = executor == null ? 1 : maxConcurrent;
    }

    /** One batch call: sends a chunk whose entry ids are "0", "1", ... and returns the failed entries. */
    @FunctionalInterface
    interface Call<T> {
        List<BatchResultErrorEntry> send(List<T> chunk);
    }

    /**
     * What a run left undone.
     *
     * @param failed the items SQS reported as failed, with their error entries
     * @param error the call failure that stopped the run, or {@code null}
     * @param unsentItems the items not done because of that failure (they include the failing chunk)
     */
    record Outcome<T>(Map<T, BatchResultErrorEntry> failed, SdkException error, List<T> unsentItems) {
        boolean succeeded() {
            return failed.isEmpty() && error == null;
        }

        /** Returns how many items were not handled. */
        int undone() {
            return failed.size() + unsentItems.size();
        }

        /** Returns the items not done: those SQS reported as failed, then those not sent. */
        List<T> undoneItems() {
            List<T> undone = new ArrayList<>(failed.keySet());
            undone.addAll(unsentItems);
            return undone;
        }

        /**
         * Returns what kind of failure this is: a call failure's kind, else the most serious of the failed
         * entries' kinds, a transient entry failing alongside making the whole transient (so it is retried
         * first, and what fails again is classified alone).
         */
        Kind kind() {
            if (error != null) {
                return SqsFailures.kindOf(error);
            }
            boolean setup = false;
            for (BatchResultErrorEntry entry : failed.values()) {
                Kind kind = SqsFailures.kindOf(entry);
                if (kind == Kind.TRANSIENT) {
                    return kind;
                }
                setup |= kind == Kind.SETUP;
            }
            return setup ? Kind.SETUP : Kind.DATA;
        }

        /** Returns what went wrong, as {@code 2 failed (ReceiptHandleIsInvalid x2)}. */
        String describe() {
            StringBuilder sb = new StringBuilder();
            if (!failed.isEmpty()) {
                sb.append(failed.size()).append(" failed (").append(codes()).append(')');
            }
            if (error != null) {
                sb.append(sb.length() == 0 ? "" : "; ").append(unsentItems.size())
                        .append(" not sent: call failed with ").append(SqsFailures.code(error));
            }
            return sb.toString();
        }

        /** Returns the error codes and their counts, as {@code ReceiptHandleIsInvalid x2, InternalError x1}. */
        String codes() {
            Map<String, Integer> counts = new TreeMap<>();
            failed.values().forEach(entry -> counts.merge(entry.code(), 1, Integer::sum));
            StringBuilder sb = new StringBuilder();
            counts.forEach((code, n) -> sb.append(sb.length() == 0 ? "" : ", ").append(code).append(" x").append(n));
            return sb.toString();
        }
    }

    /**
     * Sends the items in chunks of at most ten entries and {@code maxBytes} in total, each once.
     *
     * @param items the items, each sent once
     * @param size an item's size in bytes toward the chunk's limit
     * @param maxBytes the most bytes one chunk may hold
     * @param call the batch call
     * @return what still failed; a call failure stops the run at once (the SDK has already retried it)
     */
    <T> Outcome<T> run(List<T> items, ToIntFunction<T> size, int maxBytes, Call<T> call) {
        Map<T, BatchResultErrorEntry> failed = new LinkedHashMap<>();
        List<List<T>> chunks = chunks(items, size, maxBytes);
        Sent[] sent = send(chunks, call);
        SdkException stop = null;
        List<T> unsent = new ArrayList<>();
        for (int i = 0; i < chunks.size(); i++) {
            List<T> chunk = chunks.get(i);
            if (sent[i] == null || sent[i].error() != null) { // null: not sent, as a call failed first
                if (sent[i] != null && sent[i].error() instanceof RuntimeException bug
                        && !(bug instanceof SdkException)) {
                    throw bug; // not SQS's doing: as if the call had thrown on this thread
                }
                if (sent[i] != null && sent[i].error() instanceof Error error) {
                    throw error;
                }
                if (stop == null && sent[i] != null) {
                    stop = (SdkException) sent[i].error();
                }
                unsent.addAll(chunk);
                continue;
            }
            for (BatchResultErrorEntry error : sent[i].failed()) {
                failed.put(chunk.get(Integer.parseInt(error.id())), error);
            }
        }
        return new Outcome<>(failed, stop, unsent);
    }

    /** Runs the call with items of no size of their own: plain chunks of ten. */
    <T> Outcome<T> run(List<T> items, Call<T> call) {
        return run(items, item -> 0, Integer.MAX_VALUE, call);
    }

    /** One chunk's result: the entries SQS reported as failed, or what the call threw. */
    private record Sent(List<BatchResultErrorEntry> failed, Throwable error) {
    }

    /**
     * Sends the chunks, at most {@code maxConcurrent} at a time, and returns each chunk's result by position, or
     * {@code null} for a chunk not sent because a call failed first.
     */
    private <T> Sent[] send(List<List<T>> chunks, Call<T> call) {
        Sent[] sent = new Sent[chunks.size()];
        AtomicInteger next = new AtomicInteger();
        AtomicBoolean stopped = new AtomicBoolean();
        Runnable worker = () -> {
            for (int i = next.getAndIncrement(); i < sent.length && !stopped.get(); i = next.getAndIncrement()) {
                try {
                    sent[i] = new Sent(call.send(chunks.get(i)), null);
                } catch (RuntimeException | Error e) {
                    sent[i] = new Sent(List.of(), e);
                    stopped.set(true); // the SDK has already retried an SdkException: send no more
                }
            }
        };
        int helpers = Math.min(maxConcurrent, chunks.size()) - 1;
        if (helpers <= 0) {
            worker.run();
            return sent;
        }
        CountDownLatch finished = new CountDownLatch(helpers);
        for (int h = 0; h < helpers; h++) {
            try {
                executor.execute(() -> {
                    try {
                        worker.run();
                    } finally {
                        finished.countDown();
                    }
                });
            } catch (RejectedExecutionException e) {
                finished.countDown();
            }
        }
        worker.run();
        awaitUninterruptibly(finished);
        return sent; // the latch orders the helpers' writes before these reads
    }

    /**
     * Waits for the helpers to finish their calls, which the SDK's timeouts bound, so every chunk is accounted
     * for; an interrupt is kept for the caller.
     */
    private static void awaitUninterruptibly(CountDownLatch finished) {
        boolean interrupted = false;
        while (true) {
            try {
                finished.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static <T> List<List<T>> chunks(List<T> items, ToIntFunction<T> size, int maxBytes) {
        List<List<T>> chunks = new ArrayList<>();
        List<T> current = new ArrayList<>();
        long bytes = 0;
        for (T item : items) {
            int itemBytes = size.applyAsInt(item);
            if (!current.isEmpty() && (current.size() == MAX_ENTRIES || bytes + itemBytes > maxBytes)) {
                chunks.add(current);
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(item);
            bytes += itemBytes;
        }
        if (!current.isEmpty()) {
            chunks.add(current);
        }
        return chunks;
    }
}
