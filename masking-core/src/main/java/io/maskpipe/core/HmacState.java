package io.maskpipe.core;

import io.maskpipe.core.internal.HmacSha256;
import io.maskpipe.core.internal.SecretBytes;
import io.maskpipe.core.internal.Utf8;
import java.util.Arrays;

/**
 * One thread's keyed HMAC and buffers for an {@link HmacMasker}: {@code input} holds the framed domain of
 * {@code domain} at its start, so a run of values in one domain frames it once. Not thread-safe: one per thread.
 */
final class HmacState {
    private static final int FRAME_LENGTH_BYTES = 4;

    final HmacSha256 mac;
    final byte[] tag = new byte[HmacSha256.TAG_BYTES];
    final byte[] output;
    byte[] input = new byte[128];
    private String domain;
    private int frameEnd;

    /** Keys the MAC with a copy of the subkey, wiped at once, and writes the key id's prefix into the output. */
    HmacState(SecretBytes subkey, byte[] prefix) {
        byte[] key = subkey.toByteArrayInsecure();
        try {
            mac = new HmacSha256(key);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
        output = new byte[prefix.length + 2 * HmacSha256.TAG_BYTES];
        System.arraycopy(prefix, 0, output, 0, prefix.length);
    }

    /** Frames the domain at the start of {@code input} unless it is there already; returns where it ends. */
    int frame(String label) {
        if (label.equals(domain)) {
            return frameEnd;
        }
        ensure(FRAME_LENGTH_BYTES + Utf8.maxBytes(label.length()));
        domain = null; // the encoding below may throw half-way
        int end = Utf8.encode(label, input, FRAME_LENGTH_BYTES);
        int n = end - FRAME_LENGTH_BYTES;
        input[0] = (byte) (n >>> 24);
        input[1] = (byte) (n >>> 16);
        input[2] = (byte) (n >>> 8);
        input[3] = (byte) n;
        domain = label;
        frameEnd = end;
        return end;
    }

    /** Writes the value's UTF-8 after the frame; returns where it ends. */
    int value(String value, int from) {
        ensure(from + Utf8.maxBytes(value.length()));
        return Utf8.encode(value, input, from);
    }

    private void ensure(int capacity) {
        if (input.length < capacity) {
            input = Arrays.copyOf(input, Math.max(capacity, input.length * 2));
        }
    }
}
