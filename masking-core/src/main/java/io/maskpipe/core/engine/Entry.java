package io.maskpipe.core.engine;

import io.maskpipe.core.record.Metadata;
import io.maskpipe.core.record.Outcome;
import io.maskpipe.core.record.Record;
import io.maskpipe.core.spi.Delivery;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One received message inside the engine: its delivery, what the transforms made of it, and whether it is settled.
 * Settling happens once, by whoever gets there first: the writer that resolved it (written, duplicate, rejected) or a
 * stop that released it, so no message is counted or acknowledged twice.
 */
final class Entry {
    final Delivery delivery;
    final Outcome outcome;
    final long receivedNanos;
    volatile long visibleSinceNanos;
    /** Set once the message left this run's hands: acknowledged, released, or left hidden on purpose. */
    volatile boolean gone;
    /** Set when its dead letter is stored, by this delivery or by an earlier one of this run whose delete failed. */
    volatile boolean deadLettered;
    private static final VarHandle SETTLED;
    static {
        try {
            SETTLED = MethodHandles.lookup().findVarHandle(Entry.class, "settled", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
    @SuppressWarnings("unused") // through SETTLED: a field, not an AtomicBoolean object per message
    private volatile boolean settled;

    Entry(Delivery delivery, Outcome outcome, long receivedNanos) {
        this.delivery = delivery;
        this.outcome = outcome;
        this.receivedNanos = receivedNanos;
        this.visibleSinceNanos = receivedNanos;
    }

    String group() {
        return delivery.group().orElse(null);
    }

    /** Returns true for the one caller that settles this entry. */
    boolean settle() {
        return SETTLED.compareAndSet(this, false, true);
    }

    boolean isSettled() {
        return settled;
    }

    /** The record for the sink, carrying the delivery's id as its message id. */
    Record record() {
        Record record = ((Outcome.Accepted) outcome).record();
        String id = delivery.id();
        return id.equals(record.metadata().messageId().orElse(null)) ? record
                : record.withMetadata(record.metadata().with(Metadata.MESSAGE_ID, id));
    }

    @Override
    public String toString() {
        return delivery.toString();
    }
}
