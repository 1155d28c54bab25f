package io.maskpipe.core.spi;

import io.maskpipe.core.record.Record;
import java.util.List;
import java.util.Map;

/**
 * Where a pipeline's masked records go: writes a batch durably and says, per record, whether it was written, was a
 * duplicate of one written before, or was refused.
 *
 * <p>Messages come at least once, so a sink should be idempotent on the record's message id
 * ({@link io.maskpipe.core.record.Metadata#messageId()}): a redelivered record is reported as a duplicate, not written
 * twice. The engine calls {@link #write} from one thread at a time per batch but may have several batches in
 * flight, so implementations must be thread-safe.
 *
 * @since 0.1.0
 */
public interface Sink extends AutoCloseable {
    /** The field path {@link #fieldsByColumn()} gives a column computed by code that may read any field. */
    String ANY_FIELD = "*";

    /**
     * Prepares the sink before the first batch: checks the target's schema, opens connections. The default does
     * nothing.
     *
     * @throws SinkException when the sink cannot be used, with a message naming what is wrong
     */
    default void open() {
    }

    /**
     * Writes a batch durably: when this returns, every record reported {@link WriteResult.Status#WRITTEN written}
     * or {@link WriteResult.Status#REJECTED rejected} is stored or refused for good.
     *
     * @param records the masked records, each with its message id in its metadata
     * @return one result per record, in the same order; a list of another size, or a {@code null} in it, breaks
     *     this contract and fails the pipeline run, since the engine can no longer tell which records were stored
     * @throws SinkException when the batch as a whole was not stored (nothing of it is); its
     *     {@link SinkException#kind()} says whether to retry the same batch ({@code TRANSIENT}), isolate the refused
     *     record by splitting the batch ({@code DATA}) or stop the run ({@code SETUP}). Any other
     *     {@code RuntimeException} counts as {@code TRANSIENT}: an unclassified failure is never taken for a
     *     record's fault, so it never dead-letters anything.
     */
    List<WriteResult> write(List<Record> records);

    /**
     * Says which record field each column takes, so a pipeline can refuse to start when a field declared personal
     * would reach a column unmasked ({@code PipelineStage.personal}). Called before {@link #open()}; must not need
     * a connection.
     *
     * <p>Keys are column names, values the path of the field the column takes (a column holding a record takes its
     * fields too), or {@link #ANY_FIELD} for a column computed by code that may read any field; a column that reads
     * no field (the message id, the sent time) is left out. The default, an empty map, means unknown: the whole
     * record counts as forwarded, so every declared personal field must be masked or removed.
     *
     * @return the fields by column, in column order, or an empty map when the sink does not know
     */
    default Map<String, String> fieldsByColumn() {
        return Map.of();
    }

    /** Releases the sink's resources. The default does nothing. */
    @Override
    default void close() {
    }
}
