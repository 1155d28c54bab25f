package io.maskpipe.core.record;

import java.util.Objects;
import java.util.Optional;

/**
 * Why one message could not be processed: a {@link ReasonCode}, the field it concerns (if any) and the rule it
 * broke, as in {@code field 'device_id': longer than 256 characters}.
 *
 * <p>A rejection stops one message, never the pipeline: it goes to the dead-letter destination and is counted.
 * It never carries the value that broke the rule, so it is safe to log, store and alert on. Immutable and
 * thread-safe.
 *
 * @since 0.1.0
 */
public final class Rejection {
    private final ReasonCode reason;
    private final FieldPath field;
    private final String rule;

    private Rejection(ReasonCode reason, FieldPath field, String rule) {
        this.reason = Objects.requireNonNull(reason, "reason");
        this.field = field;
        this.rule = Objects.requireNonNull(rule, "rule");
        if (rule.isEmpty()) {
            throw new IllegalArgumentException("rejection: rule must not be empty");
        }
    }

    /**
     * Returns a rejection of a whole message, such as malformed JSON.
     *
     * @param reason the reason code
     * @param rule the rule broken, worded without the offending value (e.g. {@code "not valid JSON at line 1"})
     * @return the rejection
     */
    public static Rejection of(ReasonCode reason, String rule) {
        return new Rejection(reason, null, rule);
    }

    /**
     * Returns a rejection that concerns one field.
     *
     * @param reason the reason code
     * @param field the field's path
     * @param rule the rule broken, worded without the offending value (e.g. {@code "longer than 256 characters"})
     * @return the rejection
     */
    public static Rejection of(ReasonCode reason, FieldPath field, String rule) {
        return new Rejection(reason, Objects.requireNonNull(field, "field"), rule);
    }

    /**
     * Returns the reason code.
     *
     * @return the code
     */
    public ReasonCode reason() {
        return reason;
    }

    /**
     * Returns the field the rejection concerns.
     *
     * @return the field, or empty for a rejection of the whole message
     */
    public Optional<FieldPath> field() {
        return Optional.ofNullable(field);
    }

    /**
     * Returns the rule that was broken, without the offending value.
     *
     * @return the rule's wording
     */
    public String rule() {
        return rule;
    }

    /**
     * Returns the human-readable message: {@code field 'device_id': longer than 256 characters}, or the rule alone
     * for a rejection of the whole message.
     *
     * @return the message
     */
    public String message() {
        return field == null ? rule : "field '" + field + "': " + rule;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Rejection other && reason == other.reason && Objects.equals(field, other.field)
                && rule.equals(other.rule);
    }

    @Override
    public int hashCode() {
        return Objects.hash(reason, field, rule);
    }

    /** Returns the code and the message: {@code VALUE_TOO_LONG: field 'device_id': longer than 256 characters}. */
    @Override
    public String toString() {
        return reason + ": " + message();
    }
}
