package io.maskpipe.core;

/**
 * Turns one text value into its masked form: the extension point for masking.
 *
 * <p>Write a custom masker as a lambda or a small class; the built-ins come from {@link Maskers}. The
 * {@link MaskContext} names the field and its domain label, so keyed maskers can separate domains. A masker is built
 * once and called from many threads at once, so it must be thread-safe.
 *
 * <pre>{@code
 * Masker emailDomainOnly = (value, context) -> {
 *     int at = value.lastIndexOf('@');
 *     return at < 0 ? "" : "*@" + value.substring(at + 1);
 * };
 * String shown = emailDomainOnly.mask("alice@example.com", MaskContext.forField("email"));  // "*@example.com"
 * }</pre>
 *
 * <p>The engine calls {@code mask} for text values only; numbers and booleans are passed as their JSON text. A JSON
 * {@code null} or an absent field passes through unmasked unless {@link #masksNull()} says otherwise. A masker
 * that throws turns the message into a rejection naming the field and the exception's class; the exception's
 * message is dropped, since it may quote the value. To reject with a rule of its own, a masker throws
 * {@link io.maskpipe.core.record.InvalidValueException}: the message is rejected as {@code INVALID_VALUE} with that
 * rule, worded without the value. A blank value is handled as {@link #blankValues()} says. Returning {@code null}
 * sets the field to JSON {@code null}, as {@link Maskers#nullify()} does.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface Masker {

    /**
     * Masks one value.
     *
     * @param value the value to mask; {@code null} only when {@link #masksNull()} is true
     * @param context the field, domain and message metadata the value comes with
     * @return the masked value, or {@code null} to set the field to JSON {@code null}
     */
    String mask(String value, MaskContext context);

    /**
     * Returns whether this masker wants to see JSON {@code null} (as a {@code null} value). By default it does not,
     * and a null field stays null: {@code null} in gives {@code null} out.
     *
     * @return true to be called with {@code null} values too
     */
    default boolean masksNull() {
        return false;
    }

    /**
     * Returns what the pipeline does with a blank text value (empty or white space only) before calling this
     * masker: {@link BlankValues#MASK} by default, so a custom masker sees every value. The keyed built-ins return
     * {@link BlankValues#NULL} unless built otherwise, so blanks never share one mask.
     *
     * @return the policy for blank values
     */
    default BlankValues blankValues() {
        return BlankValues.MASK;
    }
}
