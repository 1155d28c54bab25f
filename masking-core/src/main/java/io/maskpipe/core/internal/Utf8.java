package io.maskpipe.core.internal;

/**
 * Encodes text as UTF-8 into a caller's buffer, without allocating, for the maskers' hot path.
 *
 * <p>Unlike {@link String#getBytes}, which turns an unpaired surrogate into {@code ?}, this refuses it: two
 * different strings must never give the same bytes, or their masks would collide.
 */
public final class Utf8 {
    private Utf8() {
    }

    /** Returns the most bytes {@link #encode} can write for a string of this many chars. */
    public static int maxBytes(int chars) {
        return chars * 3;
    }

    /**
     * Writes the UTF-8 bytes of {@code text} into {@code dst} from {@code off}, which must have room for
     * {@link #maxBytes} of its length; returns the offset after the last byte written.
     *
     * @throws IllegalArgumentException when the text holds an unpaired surrogate (the message names the rule only)
     */
    public static int encode(String text, byte[] dst, int off) {
        int n = text.length();
        int p = off;
        int i = 0;
        while (i < n && text.charAt(i) < 0x80) { // ASCII fast path: IPs, ids, most field names
            dst[p++] = (byte) text.charAt(i++);
        }
        for (; i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                dst[p++] = (byte) c;
            } else if (c < 0x800) {
                dst[p++] = (byte) (0xc0 | c >> 6);
                dst[p++] = (byte) (0x80 | c & 0x3f);
            } else if (Character.isSurrogate(c)) {
                char low = i + 1 < n ? text.charAt(i + 1) : 0;
                if (!Character.isHighSurrogate(c) || !Character.isLowSurrogate(low)) {
                    throw new IllegalArgumentException("text: unpaired surrogate, not well-formed UTF-16");
                }
                int cp = Character.toCodePoint(c, low);
                i++;
                dst[p++] = (byte) (0xf0 | cp >> 18);
                dst[p++] = (byte) (0x80 | cp >> 12 & 0x3f);
                dst[p++] = (byte) (0x80 | cp >> 6 & 0x3f);
                dst[p++] = (byte) (0x80 | cp & 0x3f);
            } else {
                dst[p++] = (byte) (0xe0 | c >> 12);
                dst[p++] = (byte) (0x80 | c >> 6 & 0x3f);
                dst[p++] = (byte) (0x80 | c & 0x3f);
            }
        }
        return p;
    }
}
