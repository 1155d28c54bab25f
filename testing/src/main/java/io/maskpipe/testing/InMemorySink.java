package io.maskpipe.testing;

import io.maskpipe.core.record.ReasonCode;
import io.maskpipe.core.record.Record;
import io.maskpipe.core.record.Rejection;
import io.maskpipe.core.spi.ConnectorException;
import io.maskpipe.core.spi.Sink;
import io.maskpipe.core.spi.SinkException;
import io.maskpipe.core.spi.WriteResult;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A sink in memory, idempotent on the message id like a table with a unique key, for tests and examples: a record
 * whose id was stored before is reported as a {@link WriteResult.Status#DUPLICATE duplicate}.
 *
 * <p>It can be told to fail: {@link #failTransiently(int)} makes the next writes throw a transient
 * {@link SinkException}, and {@link #refuse(String...)} makes every batch holding one of the given message ids fail
 * for good, as a database batch fails on one bad row. A batch is all or nothing. Thread-safe.
 *
 * @since 0.1.0
 */
public final class InMemorySink implements Sink {
    private final Map<String, Record> stored = new LinkedHashMap<>();
    private final Set<String> refused = new HashSet<>();
    private int transientFailures;

    private InMemorySink() {
    }

    /**
     * Returns an empty sink.
     *
     * @return the sink
     */
    public static InMemorySink create() {
        return new InMemorySink();
    }

    /**
     * Makes the next writes fail with a transient {@link SinkException}, storing nothing.
     *
     * @param times how many {@code write} calls fail
     */
    public synchronized void failTransiently(int times) {
        if (times < 0) {
            throw new IllegalArgumentException("in-memory sink: times must not be negative, was " + times);
        }
        transientFailures = times;
    }

    /**
     * Makes every batch that holds one of these message ids fail with a {@code DATA} {@link SinkException} (the
     * record's own data is refused), storing nothing of it: the pipeline isolates and dead-letters that record.
     *
     * @param messageIds the ids of the records the sink refuses
     */
    public synchronized void refuse(String... messageIds) {
        for (String id : messageIds) {
            refused.add(Objects.requireNonNull(id, "messageIds"));
        }
    }

    /**
     * Returns the stored records in the order they were first written.
     *
     * @return a copy
     */
    public synchronized List<Record> records() {
        return List.copyOf(stored.values());
    }

    @Override
    public synchronized List<WriteResult> write(List<Record> records) {
        if (transientFailures > 0) {
            transientFailures--;
            throw new SinkException("in-memory sink: write failed (simulated transient failure)", true, null);
        }
        for (Record record : records) {
            if (refused.contains(record.metadata().messageId().orElse(""))) {
                throw new SinkException("in-memory sink: batch refused, it holds a refused message id",
                        ConnectorException.Kind.DATA, null);
            }
        }
        List<WriteResult> results = new ArrayList<>(records.size());
        for (Record record : records) {
            String id = record.metadata().messageId().orElse(null);
            if (id == null) {
                results.add(WriteResult.rejected(Rejection.of(ReasonCode.SINK_REJECTED, "record has no message id")));
            } else if (stored.putIfAbsent(id, record) == null) {
                results.add(WriteResult.written());
            } else {
                results.add(WriteResult.duplicate());
            }
        }
        return results;
    }

    /** Returns the count, never a record: {@code InMemorySink[stored=7]}. */
    @Override
    public synchronized String toString() {
        return "InMemorySink[stored=" + stored.size() + "]";
    }
}
