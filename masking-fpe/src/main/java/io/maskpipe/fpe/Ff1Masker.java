package io.maskpipe.fpe;

import io.maskpipe.core.KeyId;
import io.maskpipe.core.KeyringException;
import io.maskpipe.core.MaskContext;
import io.maskpipe.core.Masker;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * A format-preserving, reversible masker: NIST SP 800-38G FF1 under one key of a ring, tweaked by the field's domain
 * label, so a masked value keeps its shape (digits stay digits, an IPv4 address stays an address) and a key holder
 * can {@link #reveal} it. Built by {@link Ff1Maskers}.
 *
 * <p>Key: the 32-byte {@code maskpipe/v1/ff1} HKDF subkey of a ring key (AES-256), derived for every key of the
 * ring when the masker is built. {@link #mask} always uses one key, {@link #keyId()}: the ring's primary unless
 * {@link #withKey} chose another. The output has no room for a key id, so the caller keeps it: per column (the
 * table records which key it was masked with) or per row (store {@link #keyId()} in another column), and reveals
 * with {@link #reveal(String, MaskContext, KeyId)}. See {@code docs/fpe.md}.
 *
 * <p>Tweak: the UTF-8 bytes of {@link MaskContext#domain()} (by default the field's path), so the same digits in
 * two fields mask differently unless the fields share a domain.
 *
 * <p>Security: FF1 hides the value from anyone without the key, but it is deterministic (equal values in one domain
 * give equal masks, which is what keeps duplicates findable) and its domain is only as large as the format: a
 * 9-digit id has 10^9 possible values, so never hand out masking access to someone who must not reveal (whoever can
 * mask can test guesses). Values with fewer than a million possible forms are refused (NIST SP 800-38G). FF1 has no
 * integrity check: revealing a value under the wrong key or domain returns a wrong value of the same shape rather
 * than an error. Exceptions name the field and the rule, never the value; {@code toString()} shows the format and
 * the key id. Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class Ff1Masker implements Masker {
    private final Format format;
    private final Map<KeyId, Ff1> ciphers;
    private final KeyId keyId;

    Ff1Masker(Format format, Map<KeyId, Ff1> ciphers, KeyId keyId) {
        this.format = format;
        this.ciphers = ciphers;
        this.keyId = keyId;
    }

    /**
     * Masks one value with FF1 under {@link #keyId()}, tweaked by the context's domain.
     *
     * @param value the value, in this masker's format
     * @param context the field and its domain label
     * @return a value of the same format
     * @throws IllegalArgumentException when the value does not fit the format or has fewer than a million possible
     *         forms; the message names the field and the rule, never the value
     */
    @Override
    public String mask(String value, MaskContext context) {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(context, "context");
        return run(value, context, keyId, true);
    }

    /**
     * Recovers the value this masker masked, with the key it masks with ({@link #keyId()}).
     *
     * @param masked a value returned by {@link #mask}
     * @param context the same field and domain label it was masked in
     * @return the original value
     * @throws IllegalArgumentException when the value does not fit the format; the message never quotes it
     */
    public String reveal(String masked, MaskContext context) {
        return reveal(masked, context, keyId);
    }

    /**
     * Recovers a value masked with any key of the ring: the way back after a key rotation, when the key id was kept
     * with the value (in another column, or as the column's key version).
     *
     * <p>FF1 cannot tell a wrong key or domain from a right one: either gives a well-formed but wrong value.
     *
     * @param masked a value returned by {@link #mask} of a masker of the same format and ring
     * @param context the same field and domain label it was masked in
     * @param keyId the key it was masked with
     * @return the original value
     * @throws KeyringException when the ring has no key with that id
     * @throws IllegalArgumentException when the value does not fit the format; the message never quotes it
     */
    public String reveal(String masked, MaskContext context, KeyId keyId) {
        Objects.requireNonNull(masked, "masked");
        Objects.requireNonNull(context, "context");
        return run(masked, context, Objects.requireNonNull(keyId, "keyId"), false);
    }

    /**
     * Returns the id of the key {@link #mask} uses: keep it beside the masked values (as the column's key version,
     * or in a column of its own) so they can be revealed after the ring's primary has moved on.
     *
     * @return the key id
     */
    public KeyId keyId() {
        return keyId;
    }

    /**
     * Returns a masker of the same format that masks with another key of the same ring, for example the one a
     * column was masked with before a rotation.
     *
     * @param keyId a key of the ring this masker was built from
     * @return the masker
     * @throws KeyringException when the ring has no key with that id
     */
    public Ff1Masker withKey(KeyId keyId) {
        cipher(Objects.requireNonNull(keyId, "keyId"));
        return new Ff1Masker(format, ciphers, keyId);
    }

    private String run(String value, MaskContext context, KeyId key, boolean forward) {
        byte[] tweak = context.domain().getBytes(StandardCharsets.UTF_8);
        return format.apply(value, context.field().toString(), new Permutation(cipher(key), tweak, forward));
    }

    private Ff1 cipher(KeyId key) {
        Ff1 cipher = ciphers.get(key);
        if (cipher == null) {
            throw new KeyringException("key '" + key + "': not in the ring " + ciphers.keySet());
        }
        return cipher;
    }

    /** Returns the format and the key id, as in {@code Ff1Masker[digits, key=k1]}. */
    @Override
    public String toString() {
        return "Ff1Masker[" + format.describe() + ", key=" + keyId + "]";
    }
}
