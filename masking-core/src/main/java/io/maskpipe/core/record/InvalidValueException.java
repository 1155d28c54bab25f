package io.maskpipe.core.record;

import java.util.Objects;

/**
 * Thrown by a conversion or a derivation ({@code Transforms.convert}, {@code Transforms.derive}) to reject the
 * message with a rule of its own, such as {@code "not a semantic version"}.
 *
 * <p>The transform turns it into an {@link ReasonCode#INVALID_VALUE} rejection naming the field and this rule. Word
 * the rule without the offending value: it is logged and stored with the dead letter.
 *
 * @since 0.1.0
 */
public final class InvalidValueException extends MaskpipeException {
    private static final long serialVersionUID = 1L;

    /** The rule the value breaks, worded without the value. */
    private final String rule;

    /**
     * Creates the exception.
     *
     * @param rule the rule the value breaks, worded without the value, not empty
     */
    public InvalidValueException(String rule) {
        super(checked(rule));
        this.rule = rule;
    }

    /**
     * Returns the rule the value breaks.
     *
     * @return the rule's wording
     */
    public String rule() {
        return rule;
    }

    private static String checked(String rule) {
        Objects.requireNonNull(rule, "rule");
        if (rule.isEmpty()) {
            throw new IllegalArgumentException("invalid value: rule must not be empty");
        }
        return rule;
    }
}
