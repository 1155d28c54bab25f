package io.maskpipe.core;

/**
 * A {@link Masker} whose output the holder of the key ring can turn back into the original value: deterministic,
 * reversible tokenization.
 *
 * <p>Use it where an authorised person must recover the value later (support looking up one user's record, say);
 * where nobody ever needs the original, prefer the one-way {@link HmacMasker}. The built-in one is
 * {@link Maskers#tokenize(Keyring)}. {@code mask} makes a token; {@code reveal} checks it and gives the value back.
 *
 * <p>Security: a token is bound to its domain and key. The built-in AES-SIV tokenizer is authenticated: any change to
 * a token, a key not in the ring, or the wrong domain makes {@code reveal} throw {@link TokenException}, whose one
 * message never says which check failed. A format-preserving tokenizer (FF1, in {@code maskpipe-fpe}) has no room
 * for a check: it refuses what is not of its format, but a wrong key or domain reveals a wrong value of the right
 * shape. Tokens are deterministic, so equal values in one domain give equal tokens, and their length follows the
 * value's length.
 *
 * @since 0.1.0
 */
public interface Tokenizer extends Masker {

    /**
     * Reveals the value a token was made from, in the given domain.
     *
     * @param token the token, as {@link #mask} returned it
     * @param domain the domain the token was made in, by default the field's path
     * @return the original value
     * @throws TokenException when the token is not a token of this tokenizer or, for an authenticated tokenizer,
     *     was changed, names a key not in the ring or was made in another domain
     */
    String reveal(String token, String domain);

    /**
     * Reveals the value a token was made from, in the context's domain.
     *
     * @param token the token, as {@link #mask} returned it
     * @param context the field and domain the token comes with
     * @return the original value
     * @throws TokenException when the token is not a token of this tokenizer or, for an authenticated tokenizer,
     *     was changed, names a key not in the ring or was made in another domain
     */
    default String reveal(String token, MaskContext context) {
        return reveal(token, context.domain());
    }
}
