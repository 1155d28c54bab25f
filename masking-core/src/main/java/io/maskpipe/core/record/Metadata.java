package io.maskpipe.core.record;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Facts about a message carried beside its fields: the source's message id (the key sinks use for idempotency),
 * when it was sent, how often it was received, and the source's own attributes.
 *
 * <p>Transforms and column mappings can read metadata; masking never touches it. Its {@code toString()} prints keys
 * only, since attributes may be personal. Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class Metadata {
    /** The source's unique id of the message; sinks use it as the idempotency key. */
    public static final String MESSAGE_ID = "message_id";
    /**
     * When the message was sent, as decimal epoch milliseconds. Sinks may key messages by it together with the id
     * (PostgresSink's ledger does, to keep its index ordered), so a source gives a redelivered message the same one.
     */
    public static final String SENT_TIMESTAMP = "sent_timestamp";
    /** How many times the message has been received, this time included. */
    public static final String RECEIVE_COUNT = "receive_count";

    private static final Metadata EMPTY = new Metadata(Map.of());

    private final Map<String, String> entries;

    private Metadata(Map<String, String> entries) {
        this.entries = entries;
    }

    /**
     * Returns metadata with no entries.
     *
     * @return the empty metadata
     */
    public static Metadata empty() {
        return EMPTY;
    }

    /**
     * Returns metadata holding the given entries, in their iteration order.
     *
     * @param entries keys and values, copied
     * @return the metadata
     */
    public static Metadata of(Map<String, String> entries) {
        Objects.requireNonNull(entries, "entries");
        if (entries.isEmpty()) {
            return EMPTY;
        }
        Map<String, String> copy = new LinkedHashMap<>();
        entries.forEach((k, v) -> copy.put(Objects.requireNonNull(k, "key"), Objects.requireNonNull(v, "value")));
        return new Metadata(Collections.unmodifiableMap(copy));
    }

    /**
     * Returns a copy of this metadata with one entry added or replaced.
     *
     * @param key the entry's key
     * @param value the entry's value
     * @return the new metadata
     */
    public Metadata with(String key, String value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Map<String, String> copy = new LinkedHashMap<>(entries);
        copy.put(key, value);
        return new Metadata(Collections.unmodifiableMap(copy));
    }

    /**
     * Returns the value of an entry.
     *
     * @param key the entry's key
     * @return the value, or empty when there is no such entry
     */
    public Optional<String> get(String key) {
        return Optional.ofNullable(entries.get(Objects.requireNonNull(key, "key")));
    }

    /**
     * Returns the source's message id, the idempotency key.
     *
     * @return the id, or empty when the source gave none
     */
    public Optional<String> messageId() {
        return get(MESSAGE_ID);
    }

    /**
     * Returns when the message was sent.
     *
     * @return the instant, or empty when the source gave none or it is not a number of epoch milliseconds
     */
    public Optional<Instant> sentTime() {
        String millis = entries.get(SENT_TIMESTAMP);
        if (millis == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.ofEpochMilli(Long.parseLong(millis)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * Returns all entries.
     *
     * @return an unmodifiable map, in insertion order
     */
    public Map<String, String> asMap() {
        return entries;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Metadata other && entries.equals(other.entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    /** Returns the keys, never the values: {@code Metadata[message_id, sent_timestamp]}. */
    @Override
    public String toString() {
        return "Metadata" + entries.keySet();
    }
}
