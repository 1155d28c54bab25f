package io.maskpipe.fpe;

import java.util.Objects;
import org.bouncycastle.crypto.fpe.FPEFF1Engine;
import org.bouncycastle.crypto.params.FPEParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.util.RadixConverter;

/**
 * FF1 (NIST SP 800-38G, section 5.1, algorithms 7 and 8) under one AES key, on Bouncy Castle's engine.
 *
 * <p>Numerals are given as {@code int}s in {@code [0, radix)}, most significant first, as in the spec's
 * {@code NUM_radix}. Immutable and thread-safe: each call builds its own engine, since Bouncy Castle's engine keeps
 * the tweak and direction as state.
 */
final class Ff1 {
    /** NIST SP 800-38G section 5.2: radix^minlen >= 1,000,000. */
    static final long MIN_DOMAIN = 1_000_000L;
    /** NIST SP 800-38G section 5.2: radix in [2 .. 2^16]. */
    static final int MAX_RADIX = 1 << 16;

    /*
     * Bouncy Castle 1.87 checks, in SP80038G.checkArgs/checkLength: length >= 2 and radix^length >= 1,000,000 (for
     * FF1 there is no upper length bound below the spec's 2^32), and radix <= 256 on its byte path; a larger radix
     * goes through its "wide" path, two big-endian bytes per numeral. The tweak may have any length. The maskers
     * check the same rules first, so they can name the field and the rule in their own messages.
     */

    private final KeyParameter key;

    /**
     * Creates the cipher.
     *
     * @param key an AES key of 16, 24 or 32 bytes; copied
     */
    Ff1(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length != 16 && key.length != 24 && key.length != 32) {
            throw new IllegalArgumentException("FF1 key: " + key.length + " bytes given, 16, 24 or 32 required");
        }
        this.key = new KeyParameter(key);
    }

    /** Encrypts numerals of a radix under a tweak (algorithm 7); returns new numerals of the same length. */
    int[] encrypt(RadixConverter radix, byte[] tweak, int[] numerals) {
        return process(true, radix, tweak, numerals);
    }

    /** Decrypts numerals of a radix under a tweak (algorithm 8); returns new numerals of the same length. */
    int[] decrypt(RadixConverter radix, byte[] tweak, int[] numerals) {
        return process(false, radix, tweak, numerals);
    }

    private int[] process(boolean encrypt, RadixConverter radix, byte[] tweak, int[] numerals) {
        FPEFF1Engine engine = new FPEFF1Engine();
        engine.init(encrypt, new FPEParameters(key, radix, tweak, false));
        boolean wide = radix.getRadix() > 256;
        byte[] in = wide ? packWide(numerals) : pack(numerals);
        byte[] out = new byte[in.length];
        engine.processBlock(in, 0, in.length, out, 0);
        return wide ? unpackWide(out) : unpack(out);
    }

    private static byte[] pack(int[] numerals) {
        byte[] bytes = new byte[numerals.length];
        for (int i = 0; i < numerals.length; i++) {
            bytes[i] = (byte) numerals[i];
        }
        return bytes;
    }

    private static int[] unpack(byte[] bytes) {
        int[] numerals = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            numerals[i] = bytes[i] & 0xFF;
        }
        return numerals;
    }

    private static byte[] packWide(int[] numerals) {
        byte[] bytes = new byte[numerals.length * 2];
        for (int i = 0; i < numerals.length; i++) {
            bytes[2 * i] = (byte) (numerals[i] >>> 8);
            bytes[2 * i + 1] = (byte) numerals[i];
        }
        return bytes;
    }

    private static int[] unpackWide(byte[] bytes) {
        int[] numerals = new int[bytes.length / 2];
        for (int i = 0; i < numerals.length; i++) {
            numerals[i] = (bytes[2 * i] & 0xFF) << 8 | bytes[2 * i + 1] & 0xFF;
        }
        return numerals;
    }

    /** Returns no key material. */
    @Override
    public String toString() {
        return "Ff1[AES-" + key.getKeyLength() * 8 + "]";
    }
}
