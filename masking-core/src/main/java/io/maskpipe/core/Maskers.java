package io.maskpipe.core;

import io.maskpipe.core.key.Keyring;
import java.util.Objects;

/**
 * The built-in maskers, one line each: {@code Maskers.hmac(keyring)}, {@code Maskers.tokenize(keyring)},
 * {@code Maskers.keepLast(4)}, {@code Maskers.redact()}.
 *
 * <p>Which to use ({@code docs/masking.md}): keyed {@link #hmac} where analysts must find duplicates and join but
 * never see values; {@link #tokenize} where an authorised person must recover values; {@link #keepLast},
 * {@link #keepFirst} and {@link #redact} for display; {@link #nullify} where the field must not be kept at all.
 * Every masker returned is immutable and thread-safe; none sees JSON {@code null}, which stays {@code null}. The
 * keyed ones ({@link #hmac}, {@link #tokenize}) turn a blank value into JSON {@code null} by default
 * ({@link BlankValues}), so blanks never share one mask.
 * Build each once and hand it to {@link PipelineStage#mask(String, Masker) mask(field, masker)}:
 *
 * <pre>{@code
 * Masker hmac = Maskers.hmac(keyring);            // keyed, deterministic: duplicates stay findable
 * Tokenizer tokens = Maskers.tokenize(keyring);   // reversible by whoever holds the key
 * Masker lastFour = Maskers.keepLast(4);          // "123-45-6789" becomes "*******6789"
 * Masker hidden = Maskers.redact();               // "[REDACTED]"
 * }</pre>
 *
 * @since 0.1.0
 */
public final class Maskers {
    private Maskers() {
    }

    /**
     * Returns a keyed, one-way, deterministic masker with the defaults: HMAC-SHA256 with the ring's primary key,
     * the field's path as domain, 32 bytes in base64url, as in {@code k1:3q2-7w...}. Use
     * {@link HmacMasker#builder(Keyring)} for a shared domain, hex, truncation or normalization.
     *
     * <p>Security: without the key nobody can tell the value from the mask or brute-force it, even over the 2^32
     * IPv4 addresses. Equal values in one domain give equal masks (that is how duplicates stay findable), so
     * equality leaks to whoever sees the masks. Master keys are at least 32 bytes; a new primary key changes every
     * mask.
     *
     * @param keyring the key ring; its primary key makes the masks
     * @return the masker
     */
    public static HmacMasker hmac(Keyring keyring) {
        return HmacMasker.builder(keyring).build();
    }

    /**
     * Returns a reversible, deterministic tokenizer: AES-SIV (RFC 5297, AES-256) with the ring's primary key, the
     * field's path as associated data, as in {@code k1:<base64url>}. {@link Tokenizer#reveal} gives the value back
     * with any key still in the ring, so tokens made before a rotation keep revealing while the old key stays.
     *
     * <p>Security: a token hides the value from anyone without the ring and cannot be changed, moved to another
     * domain or forged without being refused on reveal. It leaks equality (equal values in one domain give equal
     * tokens) and the value's length (a token grows with the value's UTF-8 length). Whoever holds the ring can
     * reveal every token, so share it only with those allowed to see the values. Master keys are at least 32 bytes.
     *
     * <p>A blank value (empty or white space only) becomes JSON null rather than one token shared by every blank;
     * {@link #tokenize(Keyring, BlankValues)} chooses otherwise.
     *
     * @param keyring the key ring; its primary key makes new tokens, any of its keys reveals
     * @return the tokenizer
     * @throws IllegalArgumentException from {@code mask} when a value is not well-formed UTF-16, naming the rule only
     */
    public static Tokenizer tokenize(Keyring keyring) {
        return tokenize(keyring, BlankValues.NULL);
    }

    /**
     * Returns the tokenizer of {@link #tokenize(Keyring)} with a chosen policy for blank values.
     *
     * @param keyring the key ring; its primary key makes new tokens, any of its keys reveals
     * @param blankValues what the pipeline does with a blank value: {@link BlankValues#NULL}, {@link
     *     BlankValues#REJECT}, or {@link BlankValues#MASK} to give every blank of a field one shared token
     * @return the tokenizer
     */
    public static Tokenizer tokenize(Keyring keyring, BlankValues blankValues) {
        return new AesSivTokenizer(Objects.requireNonNull(keyring, "keyring"),
                Objects.requireNonNull(blankValues, "blankValues"));
    }

    /**
     * Returns a masker that replaces every value with {@code [REDACTED]}.
     *
     * @return the masker
     */
    public static Masker redact() {
        return redact("[REDACTED]");
    }

    /**
     * Returns a masker that replaces every value with a fixed text.
     *
     * @param replacement the text every value becomes; may be empty
     * @return the masker
     */
    public static Masker redact(String replacement) {
        return new RedactingMasker(Objects.requireNonNull(replacement, "replacement"));
    }

    /**
     * Returns a masker that keeps the last {@code count} characters (code points) and replaces each other one with
     * {@code *}, as in {@code *******6789}. A value of {@code count} characters or fewer is masked whole, so a
     * short value is never shown entirely.
     *
     * @param count how many characters to keep at the end, zero or more
     * @return the masker
     * @throws IllegalArgumentException when the count is negative
     */
    public static Masker keepLast(int count) {
        return new PartialMasker(count, false);
    }

    /**
     * Returns a masker that keeps the first {@code count} characters (code points) and replaces each other one with
     * {@code *}, as in {@code 123******}. A value of {@code count} characters or fewer is masked whole, so a short
     * value is never shown entirely.
     *
     * @param count how many characters to keep at the start, zero or more
     * @return the masker
     * @throws IllegalArgumentException when the count is negative
     */
    public static Masker keepFirst(int count) {
        return new PartialMasker(count, true);
    }

    /**
     * Returns a masker that turns every value into JSON {@code null}: the field stays, its content does not.
     *
     * @return the masker
     */
    public static Masker nullify() {
        return NullingMasker.INSTANCE;
    }
}
