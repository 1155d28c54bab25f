package io.maskpipe.testing;

import io.maskpipe.core.record.Metadata;
import io.maskpipe.core.record.Record;
import io.maskpipe.core.record.Rejection;
import io.maskpipe.core.spi.ConnectorException;
import io.maskpipe.core.spi.Delivery;
import io.maskpipe.core.spi.Receipt;
import io.maskpipe.core.spi.Source;
import io.maskpipe.core.spi.SourceException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A queue in memory with a queue's delivery semantics, for tests and examples: a received message stays hidden
 * until acknowledged, and comes back when released or when its visibility timeout passes.
 *
 * <p>Receives hand out up to 10 messages in the order offered, each with a fresh receipt and a
 * {@link Metadata#RECEIVE_COUNT}, and each message keeps the {@link Metadata#SENT_TIMESTAMP} it was added with, or
 * the time it was added, as a queue stamps it; an acknowledgement or release with a stale receipt (from before a redelivery) is
 * ignored. Messages with a group behave like an SQS FIFO queue: none of a group is handed out while an earlier one of
 * that group is in flight. Thread-safe.
 *
 * @since 0.1.0
 */
public final class InMemorySource implements Source {
    private static final int MAX_PER_RECEIVE = 10;

    private final Duration visibilityTimeout;
    private final Map<String, Message> messages = new LinkedHashMap<>();
    private final List<String> acknowledged = new ArrayList<>();
    private long nextId = 1;
    private int acknowledgementsToFail;
    private ConnectorException.Kind acknowledgementFailure = ConnectorException.Kind.TRANSIENT;

    private InMemorySource(Duration visibilityTimeout) {
        this.visibilityTimeout = visibilityTimeout;
    }

    /**
     * Returns an empty source whose messages come back 30 seconds after a receive unless acknowledged.
     *
     * @return the source
     */
    public static InMemorySource create() {
        return create(Duration.ofSeconds(30));
    }

    /**
     * Returns an empty source with the given visibility timeout.
     *
     * @param visibilityTimeout how long a received message stays hidden, positive
     * @return the source
     */
    public static InMemorySource create(Duration visibilityTimeout) {
        Objects.requireNonNull(visibilityTimeout, "visibilityTimeout");
        if (visibilityTimeout.isNegative() || visibilityTimeout.isZero()) {
            throw new IllegalArgumentException("in-memory source: visibilityTimeout must be positive, was "
                    + visibilityTimeout);
        }
        return new InMemorySource(visibilityTimeout);
    }

    /**
     * Returns a source holding the given records, with the default visibility timeout.
     *
     * @param records the records, each keeping its message id or given one
     * @return the source
     */
    public static InMemorySource of(List<Record> records) {
        InMemorySource source = create();
        records.forEach(source::offer);
        return source;
    }

    /**
     * Adds a message. Its id is the record's {@link Metadata#MESSAGE_ID}, or {@code m-1}, {@code m-2}... when it
     * has none.
     *
     * @param record the message's record
     * @return this source
     * @throws IllegalArgumentException when a message with that id is still queued
     */
    public InMemorySource offer(Record record) {
        return add(Objects.requireNonNull(record, "record"), null, null);
    }

    /**
     * Adds a message of an ordered group, like an SQS FIFO message group.
     *
     * @param group the group
     * @param record the message's record
     * @return this source
     */
    public InMemorySource offer(String group, Record record) {
        return add(Objects.requireNonNull(record, "record"), Objects.requireNonNull(group, "group"), null);
    }

    /**
     * Adds a message whose body could not be decoded, as a source reports malformed input.
     *
     * @param id the message id
     * @param rejection why the body was not decoded
     * @return this source
     */
    public InMemorySource offerUndecodable(String id, Rejection rejection) {
        Objects.requireNonNull(id, "id");
        return add(Record.builder().metadata(Metadata.empty().with(Metadata.MESSAGE_ID, id)).build(), null,
                Objects.requireNonNull(rejection, "rejection"));
    }

    /**
     * Makes the next acknowledgements fail with a transient {@link SourceException}, for tests: the pipeline
     * retries them with its backoff.
     *
     * @param times how many {@code acknowledge} calls fail
     * @throws IllegalArgumentException when {@code times} is negative
     */
    public synchronized void failAcknowledgements(int times) {
        failAcknowledgements(times, ConnectorException.Kind.TRANSIENT);
    }

    /**
     * Makes the next acknowledgements fail with a {@link SourceException} of the given kind naming every delivery
     * of the call as failed, for tests. {@code DATA} stands for receipts that are no longer valid: the pipeline
     * gives up on those messages, which come back after their visibility timeout and are deduplicated.
     *
     * @param times how many {@code acknowledge} calls fail
     * @param kind the failures' kind
     * @throws IllegalArgumentException when {@code times} is negative
     */
    public synchronized void failAcknowledgements(int times, ConnectorException.Kind kind) {
        if (times < 0) {
            throw new IllegalArgumentException("in-memory source: times must not be negative, was " + times);
        }
        acknowledgementsToFail = times;
        acknowledgementFailure = Objects.requireNonNull(kind, "kind");
    }

    /**
     * Returns the ids of the acknowledged messages, in the order they were acknowledged.
     *
     * @return a copy
     */
    public synchronized List<String> acknowledged() {
        return List.copyOf(acknowledged);
    }

    /**
     * Returns how many messages are not acknowledged yet, in flight or waiting.
     *
     * @return the count
     */
    public synchronized int remaining() {
        return messages.size();
    }

    @Override
    public synchronized List<Delivery> receive(Duration maxWait) throws InterruptedException {
        long deadline = System.nanoTime() + maxWait.toNanos();
        while (true) {
            long now = System.nanoTime();
            List<Delivery> taken = take(now);
            if (!taken.isEmpty() || deadline - now <= 0) {
                return taken;
            }
            long wait = deadline - now;
            for (Message m : messages.values()) {
                if (m.receipt != null) {
                    wait = Math.min(wait, Math.max(1, m.hiddenUntil - now));
                }
            }
            TimeUnit.NANOSECONDS.timedWait(this, wait);
        }
    }

    private List<Delivery> take(long now) {
        List<Delivery> taken = new ArrayList<>();
        Set<String> blockedGroups = new HashSet<>();
        Set<String> takenGroups = new HashSet<>();
        for (Message m : messages.values()) {
            boolean hidden = m.receipt != null && m.hiddenUntil - now > 0;
            if (m.group != null && (hidden || blockedGroups.contains(m.group))
                    && !takenGroups.contains(m.group)) {
                blockedGroups.add(m.group);
                continue;
            }
            if (hidden || taken.size() == MAX_PER_RECEIVE) {
                continue;
            }
            m.receiveCount++;
            m.receipt = new Ticket(m.id, m.receiveCount);
            m.hiddenUntil = now + visibilityTimeout.toNanos();
            if (m.group != null) {
                takenGroups.add(m.group);
            }
            taken.add(m.delivery());
        }
        return taken;
    }

    @Override
    public synchronized void acknowledge(List<Delivery> deliveries) {
        if (acknowledgementsToFail > 0) {
            acknowledgementsToFail--;
            List<String> ids = new ArrayList<>(deliveries.size());
            deliveries.forEach(delivery -> ids.add(delivery.id()));
            throw new SourceException("in-memory source: acknowledgement failed (simulated)", acknowledgementFailure,
                    null, ids);
        }
        for (Delivery delivery : deliveries) {
            Message m = current(delivery);
            if (m != null) {
                messages.remove(m.id);
                acknowledged.add(m.id);
            }
        }
        notifyAll();
    }

    @Override
    public void extendVisibility(List<Delivery> deliveries, Duration extension) {
        update(deliveries, System.nanoTime() + extension.toNanos());
    }

    @Override
    public void release(List<Delivery> deliveries) {
        update(deliveries, System.nanoTime());
    }

    @Override
    public Duration visibilityTimeout() {
        return visibilityTimeout;
    }

    /** Returns the counts, never a record: {@code InMemorySource[remaining=3, acknowledged=7]}. */
    @Override
    public String toString() {
        return "InMemorySource[remaining=" + remaining() + ", acknowledged=" + acknowledged().size() + "]";
    }

    private synchronized void update(List<Delivery> deliveries, long hiddenUntil) {
        for (Delivery delivery : deliveries) {
            Message m = current(delivery);
            if (m != null) {
                m.hiddenUntil = hiddenUntil;
            }
        }
        notifyAll();
    }

    /** The message a delivery's receipt still stands for, or null when it is stale or acknowledged. */
    private Message current(Delivery delivery) {
        Message m = messages.get(delivery.id());
        return m != null && delivery.receipt().equals(m.receipt) ? m : null;
    }

    private synchronized InMemorySource add(Record record, String group, Rejection undecodable) {
        String id = record.metadata().messageId().orElse(null);
        if (id == null) {
            id = "m-" + nextId++;
            record = record.withMetadata(record.metadata().with(Metadata.MESSAGE_ID, id));
        }
        if (messages.containsKey(id)) {
            throw new IllegalArgumentException("in-memory source: message '" + id + "' is already queued");
        }
        if (record.metadata().get(Metadata.SENT_TIMESTAMP).isEmpty()) { // as a queue stamps each message it takes
            record = record.withMetadata(record.metadata().with(Metadata.SENT_TIMESTAMP,
                    Long.toString(System.currentTimeMillis())));
        }
        messages.put(id, new Message(id, record, group, undecodable));
        notifyAll();
        return this;
    }

    /** One receive of one message: a receipt from an earlier receive is stale. */
    private record Ticket(String id, int receiveCount) implements Receipt {
    }

    private static final class Message {
        final String id;
        final Record record;
        final String group;
        final Rejection undecodable;
        int receiveCount;
        Ticket receipt;
        long hiddenUntil;

        Message(String id, Record record, String group, Rejection undecodable) {
            this.id = id;
            this.record = record;
            this.group = group;
            this.undecodable = undecodable;
        }

        Delivery delivery() {
            Metadata metadata = record.metadata().with(Metadata.RECEIVE_COUNT, Integer.toString(receiveCount));
            Delivery.Builder builder = Delivery.builder(id, receipt).group(group).metadata(metadata);
            return undecodable != null ? builder.rejection(undecodable).build()
                    : builder.record(record.withMetadata(metadata)).build();
        }
    }
}
