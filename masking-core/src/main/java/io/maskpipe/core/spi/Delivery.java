package io.maskpipe.core.spi;

import io.maskpipe.core.record.Metadata;
import io.maskpipe.core.record.Outcome;
import io.maskpipe.core.record.Record;
import io.maskpipe.core.record.Rejection;
import java.util.Objects;
import java.util.Optional;

/**
 * One message handed out by a {@link Source}: its decoded record (or the rejection that decoding produced), its
 * metadata, and the receipt the source needs to acknowledge it.
 *
 * <p>The engine acknowledges a delivery only after the sink has stored its record, or the dead-letter destination
 * its rejection. Its {@code toString()} prints the id and outcome kind, never the body. Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class Delivery {
    private final String id;
    private final Receipt receipt;
    private final Outcome content;
    private final Metadata metadata;
    private final String group;
    private final String body;

    private Delivery(String id, Receipt receipt, Outcome content, Metadata metadata, String group, String body) {
        this.id = id;
        this.receipt = receipt;
        this.content = content;
        this.metadata = metadata;
        this.group = group;
        this.body = body;
    }

    /**
     * Returns a delivery whose body decoded into a record; its id is the record's message id.
     *
     * @param record the decoded record, whose metadata holds {@link Metadata#MESSAGE_ID}
     * @param receipt what the source needs to acknowledge the message (an SQS receipt handle, say)
     * @return the delivery
     * @throws IllegalArgumentException when the record's metadata has no message id
     */
    public static Delivery of(Record record, Receipt receipt) {
        Objects.requireNonNull(record, "record");
        return builder(messageIdOf(record.metadata()), receipt).record(record).build();
    }

    /**
     * Returns a builder for a delivery.
     *
     * @param id the source's unique id of the message, the idempotency key
     * @param receipt what the source needs to acknowledge the message
     * @return a new builder
     */
    public static Builder builder(String id, Receipt receipt) {
        return new Builder(id, receipt);
    }

    /**
     * Returns the source's unique id of the message.
     *
     * @return the message id
     */
    public String id() {
        return id;
    }

    /**
     * Returns what the source needs to acknowledge, extend or release this message.
     *
     * @return the source's receipt
     */
    public Receipt receipt() {
        return receipt;
    }

    /**
     * Returns the receipt as the type its source made, for that source's acknowledge, extend and release.
     *
     * @param <R> the source's receipt type
     * @param type the source's receipt class
     * @return the receipt
     * @throws IllegalArgumentException when another source made this delivery
     */
    public <R extends Receipt> R receipt(Class<R> type) {
        Objects.requireNonNull(type, "type");
        if (!type.isInstance(receipt)) {
            throw new IllegalArgumentException("delivery '" + id + "': its receipt is a "
                    + receipt.getClass().getSimpleName() + ", not a " + type.getSimpleName()
                    + "; hand a source only the deliveries it made");
        }
        return type.cast(receipt);
    }

    /**
     * Returns the decoded record, or the rejection decoding produced.
     *
     * @return the content
     */
    public Outcome content() {
        return content;
    }

    /**
     * Returns the message's metadata (also carried by the record, when there is one).
     *
     * @return the metadata
     */
    public Metadata metadata() {
        return metadata;
    }

    /**
     * Returns the ordering group (an SQS FIFO message group id): messages of one group are resolved in order.
     *
     * @return the group, or empty for unordered messages
     */
    public Optional<String> group() {
        return Optional.ofNullable(group);
    }

    /**
     * Returns the raw body as received, for a dead-letter destination that forwards it unchanged.
     *
     * @return the body, or empty when the source keeps no body
     */
    public Optional<String> body() {
        return Optional.ofNullable(body);
    }

    /** Returns the id and the outcome kind, never the body: {@code Delivery[id=..., record]}. */
    @Override
    public String toString() {
        return "Delivery[id=" + id + ", " + (content instanceof Outcome.Accepted ? "record" : "rejected") + "]";
    }

    private static String messageIdOf(Metadata metadata) {
        return metadata.messageId().orElseThrow(
                () -> new IllegalArgumentException("delivery: record metadata has no " + Metadata.MESSAGE_ID));
    }

    /**
     * Collects the parts of a {@link Delivery}. Not thread-safe; {@link #build()} copies.
     *
     * @since 0.1.0
     */
    public static final class Builder {
        private final String id;
        private final Receipt receipt;
        private Outcome content;
        private Metadata metadata;
        private String group;
        private String body;

        private Builder(String id, Receipt receipt) {
            this.id = Objects.requireNonNull(id, "id");
            this.receipt = Objects.requireNonNull(receipt, "receipt");
            if (id.isEmpty()) {
                throw new IllegalArgumentException("delivery: id must not be empty");
            }
        }

        /**
         * Sets the decoded record; the metadata defaults to the record's.
         *
         * @param record the record
         * @return this builder
         */
        public Builder record(Record record) {
            Objects.requireNonNull(record, "record");
            this.content = Outcome.accept(record);
            return this;
        }

        /**
         * Sets the rejection that decoding produced, in place of a record.
         *
         * @param rejection why the body could not be decoded
         * @return this builder
         */
        public Builder rejection(Rejection rejection) {
            this.content = Outcome.reject(Objects.requireNonNull(rejection, "rejection"));
            return this;
        }

        /**
         * Sets the metadata.
         *
         * @param metadata the metadata
         * @return this builder
         */
        public Builder metadata(Metadata metadata) {
            this.metadata = Objects.requireNonNull(metadata, "metadata");
            return this;
        }

        /**
         * Sets the ordering group.
         *
         * @param group the group, or {@code null} for unordered messages
         * @return this builder
         */
        public Builder group(String group) {
            this.group = group;
            return this;
        }

        /**
         * Keeps the raw body for dead letters.
         *
         * @param body the body, or {@code null} to keep none
         * @return this builder
         */
        public Builder body(String body) {
            this.body = body;
            return this;
        }

        /**
         * Builds the delivery.
         *
         * @return the delivery
         * @throws IllegalStateException when neither a record nor a rejection was given
         */
        public Delivery build() {
            if (content == null) {
                throw new IllegalStateException("delivery '" + id + "': needs a record or a rejection");
            }
            Metadata meta = metadata;
            if (meta == null) {
                meta = content instanceof Outcome.Accepted accepted ? accepted.record().metadata() : Metadata.empty();
            }
            return new Delivery(id, receipt, content, meta, group, body);
        }
    }
}
