package io.maskpipe.fpe;

import io.maskpipe.core.key.KeyId;
import io.maskpipe.core.key.Keyring;
import io.maskpipe.core.key.Subkeys;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Builds format-preserving, reversible maskers (NIST SP 800-38G FF1) from a key ring: digit strings, strings over
 * an alphabet, fixed patterns such as {@code NNN-NN-NNNN}, and IPv4 addresses.
 *
 * <p>Use them where a masked value must still fit the column or validator built for the real one; where it need
 * not, an HMAC mask or an AES-SIV token is stronger and simpler ({@code docs/fpe.md}). Each masker masks with the
 * ring's primary key (another through {@link Ff1Masker#withKey}) and reveals with any key of the ring.
 *
 * <pre>{@code
 * Ff1Masker deviceIds = Ff1Maskers.pattern(ring, "NNN-NN-NNNN");
 * String masked = deviceIds.mask("123-45-6789", MaskContext.forField("device_id"));  // "591-46-6718"
 * String original = deviceIds.reveal(masked, MaskContext.forField("device_id"));     // "123-45-6789"
 * }</pre>
 *
 * <p>(Run by {@code Ff1MaskersTest}, whose ring holds the test key of {@code docs/fpe.md}.)
 *
 * @since 0.1.0
 */
public final class Ff1Maskers {
    /** The HKDF label of the FF1 subkey ({@code docs/format.md}). */
    static final String SUBKEY_INFO = "maskpipe/v1/ff1";
    /** The FF1 subkey's length: AES-256. */
    static final int SUBKEY_BYTES = 32;

    private Ff1Maskers() {
    }

    /**
     * Returns a masker of decimal digit strings of any length from 6 to 1,024 digits: FF1 radix 10, so a value
     * keeps its length and stays all digits (leading zeros included).
     *
     * @param ring the key ring; the masker masks with its primary key
     * @return the masker
     */
    public static Ff1Masker digits(Keyring ring) {
        return build(ring, AlphabetFormat.digits());
    }

    /**
     * Returns a masker of strings over an alphabet: FF1 with radix = the alphabet's size, numeral {@code i} being
     * its {@code i}-th character. Values must be at least as long as a million values need
     * ({@code radix^length >= 1,000,000}: 4 characters of 36, 20 of 2) and hold no other character.
     *
     * @param ring the key ring; the masker masks with its primary key
     * @param alphabet 2 to 65,536 distinct characters (Unicode code points), in numeral order, such as
     *        {@code 0123456789abcdefghijklmnopqrstuvwxyz}
     * @return the masker
     * @throws IllegalArgumentException when the alphabet is too small, too large or repeats a character
     */
    public static Ff1Masker alphabet(Keyring ring, String alphabet) {
        return build(ring, AlphabetFormat.of(alphabet));
    }

    /**
     * Returns a masker of values of one fixed shape: {@code N} is a digit, {@code A} an uppercase letter A-Z,
     * {@code a} a lowercase letter a-z, a backslash makes the next character literal, every other character is
     * literal and kept. {@code NNN-NN-NNNN} masks the nine digits and keeps the dashes.
     *
     * @param ring the key ring; the masker masks with its primary key
     * @param pattern the pattern
     * @return the masker
     * @throws IllegalArgumentException when the pattern's variable positions give fewer than a million values
     *         (NIST SP 800-38G), or it ends in a lone backslash
     */
    public static Ff1Masker pattern(Keyring ring, String pattern) {
        return build(ring, PatternFormat.parse(pattern));
    }

    /**
     * Returns a masker of IPv4 addresses: any dotted-decimal address becomes another valid one (of any range:
     * private, public or reserved), and back. Addresses with a leading zero, a part above 255, spaces or other
     * than four parts are refused.
     *
     * @param ring the key ring; the masker masks with its primary key
     * @return the masker
     */
    public static Ff1Masker ipv4(Keyring ring) {
        return build(ring, new Ipv4Format());
    }

    private static Ff1Masker build(Keyring ring, Format format) {
        Objects.requireNonNull(ring, "ring");
        Map<KeyId, Ff1> ciphers = new LinkedHashMap<>();
        for (KeyId id : ring.ids()) {
            byte[] subkey = Subkeys.derive(ring, id, SUBKEY_INFO, SUBKEY_BYTES);
            try {
                ciphers.put(id, new Ff1(subkey));
            } finally {
                Arrays.fill(subkey, (byte) 0);
            }
        }
        return new Ff1Masker(format, Collections.unmodifiableMap(ciphers), ring.primary());
    }
}
