package io.maskpipe.core.internal;

import java.util.Arrays;

/**
 * Base64url without padding (RFC 4648 section 5) and lowercase hex, written into a caller's buffer for the hot path.
 *
 * <p>Decoding is strict: only the canonical encoding of some bytes is accepted (no padding, no whitespace, unused
 * trailing bits zero), so every change to a token's text changes the bytes it decodes to.
 */
public final class Base64Url {
    private static final byte[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".getBytes(
                    java.nio.charset.StandardCharsets.US_ASCII);
    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final int[] VALUES = new int[128];
    private static final short[] PAIRS = new short[4096]; // two base64url characters per 12 bits, hot-path encoding

    static {
        for (int i = 0; i < PAIRS.length; i++) {
            PAIRS[i] = (short) (ALPHABET[i >>> 6] << 8 | ALPHABET[i & 0x3f]);
        }
        Arrays.fill(VALUES, -1);
        for (int i = 0; i < ALPHABET.length; i++) {
            VALUES[ALPHABET[i]] = i;
        }
    }

    private Base64Url() {
    }

    /** Returns the length of the unpadded base64url text of {@code bytes} bytes. */
    public static int encodedLength(int bytes) {
        return (bytes * 4 + 2) / 3;
    }

    /** Writes the base64url text of {@code src[off, off+len)} as ASCII bytes to {@code dst} at {@code dstOff}. */
    public static int encode(byte[] src, int off, int len, byte[] dst, int dstOff) {
        int p = dstOff;
        int end = off + len;
        int i = off;
        for (; i + 3 <= end; i += 3) {
            int bits = (src[i] & 0xff) << 16 | (src[i + 1] & 0xff) << 8 | src[i + 2] & 0xff;
            short high = PAIRS[bits >>> 12];
            short low = PAIRS[bits & 0xfff];
            dst[p++] = (byte) (high >> 8);
            dst[p++] = (byte) high;
            dst[p++] = (byte) (low >> 8);
            dst[p++] = (byte) low;
        }
        int rest = end - i;
        if (rest == 1) {
            int bits = (src[i] & 0xff) << 16;
            dst[p++] = ALPHABET[bits >>> 18];
            dst[p++] = ALPHABET[bits >>> 12 & 0x3f];
        } else if (rest == 2) {
            int bits = (src[i] & 0xff) << 16 | (src[i + 1] & 0xff) << 8;
            dst[p++] = ALPHABET[bits >>> 18];
            dst[p++] = ALPHABET[bits >>> 12 & 0x3f];
            dst[p++] = ALPHABET[bits >>> 6 & 0x3f];
        }
        return p;
    }

    /** Writes the lowercase hex text of {@code src[off, off+len)} as ASCII bytes to {@code dst} at {@code dstOff}. */
    public static int encodeHex(byte[] src, int off, int len, byte[] dst, int dstOff) {
        int p = dstOff;
        for (int i = off; i < off + len; i++) {
            dst[p++] = HEX[(src[i] & 0xff) >>> 4];
            dst[p++] = HEX[src[i] & 0x0f];
        }
        return p;
    }

    /**
     * Decodes the canonical base64url text {@code text[from, to)} into {@code dst} from 0, which must hold
     * {@code (to - from) * 3 / 4} bytes; returns the number of bytes, or -1 when the text is not canonical base64url.
     */
    public static int decode(CharSequence text, int from, int to, byte[] dst) {
        int len = to - from;
        if (len % 4 == 1) {
            return -1;
        }
        int p = 0;
        int bits = 0;
        int count = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            int v = c < 128 ? VALUES[c] : -1;
            if (v < 0) {
                return -1;
            }
            bits = bits << 6 | v;
            if (++count == 4) {
                dst[p++] = (byte) (bits >>> 16);
                dst[p++] = (byte) (bits >>> 8);
                dst[p++] = (byte) bits;
                bits = 0;
                count = 0;
            }
        }
        if (count == 2) {
            if ((bits & 0x0f) != 0) {
                return -1; // unused trailing bits must be zero
            }
            dst[p++] = (byte) (bits >>> 4);
        } else if (count == 3) {
            if ((bits & 0x03) != 0) {
                return -1;
            }
            dst[p++] = (byte) (bits >>> 10);
            dst[p++] = (byte) (bits >>> 2);
        }
        return p;
    }
}
