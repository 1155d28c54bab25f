package io.maskpipe.fpe;

import io.maskpipe.core.key.KeyId;
import io.maskpipe.core.key.KeyringException;
import io.maskpipe.core.MaskContext;
import io.maskpipe.core.TokenException;
import io.maskpipe.core.Tokenizer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * A format-preserving, reversible masker: NIST SP 800-38G FF1 under one key of a ring, tweaked by the field's domain
 * label, so a masked value keeps its shape (digits stay digits, an IPv4 address stays an address) and a key holder
 * can reveal it: a {@link Tokenizer} whose output looks like its input. Built by {@link Ff1Maskers}.
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
 * than an error. Refusals from {@code mask} name the field and the rule, never the value; a refused {@code reveal}
 * throws {@link TokenException} with its one plain message; {@code toString()} shows the format and
 * the key id. Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class Ff1Masker implements Tokenizer {
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
        return format.apply(value, context.field().toString(),
                new Permutation(ciphers.get(keyId), tweak(context.domain()), true));
    }

    /**
     * Recovers a value this masker masked, with the key it masks with ({@link #keyId()}).
     *
     * <p>FF1 has no integrity check: a value masked under another key or domain reveals to a well-formed but wrong
     * value, not to an error. Only a value of the wrong shape is refused.
     *
     * @param masked a value returned by {@link #mask}
     * @param domain the domain label it was masked in, by default the field's path
     * @return the original value
     * @throws TokenException when the value does not fit this masker's format
     */
    @Override
    public String reveal(String masked, String domain) {
        return reveal(masked, domain, keyId);
    }

    /**
     * Recovers a value masked with any key of the ring: the way back after a key rotation, when the key id was kept
     * with the value (in another column, or as the column's key version).
     *
     * @param masked a value returned by {@link #mask} of a masker of the same format and ring
     * @param context the field and domain label it was masked in
     * @param keyId the key it was masked with
     * @return the original value
     * @throws TokenException when the ring has no key with that id or the value does not fit the format
     */
    public String reveal(String masked, MaskContext context, KeyId keyId) {
        return reveal(masked, Objects.requireNonNull(context, "context").domain(), keyId);
    }

    /**
     * Recovers a value masked with any key of the ring, in a domain: as {@link #reveal(String, MaskContext, KeyId)}.
     *
     * @param masked a value returned by {@link #mask} of a masker of the same format and ring
     * @param domain the domain label it was masked in, by default the field's path
     * @param keyId the key it was masked with
     * @return the original value
     * @throws TokenException when the ring has no key with that id or the value does not fit the format; its one
     *         message never says which
     */
    public String reveal(String masked, String domain, KeyId keyId) {
        Objects.requireNonNull(masked, "masked");
        Objects.requireNonNull(domain, "domain");
        Ff1 cipher = ciphers.get(Objects.requireNonNull(keyId, "keyId"));
        if (cipher == null) {
            throw new TokenException();
        }
        try {
            return format.apply(masked, "reveal", new Permutation(cipher, tweak(domain), false));
        } catch (IllegalArgumentException notOfThisFormat) {
            throw new TokenException();
        }
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
        if (!ciphers.containsKey(Objects.requireNonNull(keyId, "keyId"))) {
            throw new KeyringException("key '" + keyId + "': not in the ring " + ciphers.keySet());
        }
        return new Ff1Masker(format, ciphers, keyId);
    }

    private static byte[] tweak(String domain) {
        return domain.getBytes(StandardCharsets.UTF_8);
    }

    /** Returns the format and the key id, as in {@code Ff1Masker[digits, key=k1]}. */
    @Override
    public String toString() {
        return "Ff1Masker[" + format.describe() + ", key=" + keyId + "]";
    }
}
