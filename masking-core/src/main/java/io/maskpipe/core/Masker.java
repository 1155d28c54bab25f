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
 * message is dropped, since it may quote the value. Returning {@code null} sets the field to JSON {@code null}, as
 * {@link Maskers#nullify()} does.
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
}
