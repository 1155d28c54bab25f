package io.maskpipe.postgres;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Maps a message to the 16-byte UUID the ledger keys it by (docs/format.md, "Ledger message ids").
 *
 * <p>A message with a sent time (metadata {@code sent_timestamp}, epoch milliseconds below 2^48) maps to a version-7
 * UUID: the sent time in its first 48 bits, then 74 bits of the id, its own random bits when it is a version-4 UUID
 * (as SQS ids are), else those of SHA-256 over its UTF-8. The ledger's index then grows at its right edge as messages
 * arrive instead of at random leaves, which is most of the ledger's cost on the server (docs/performance.md). A
 * message without a sent time maps by its id alone: a canonical lowercase UUID text of a version other than 7 and 8
 * is its own UUID, any other id the first 16 bytes of its SHA-256 as a version-8 UUID. The first kind is always
 * version 7 and the second never is, so the two cannot meet.
 */
final class LedgerId {
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    });

    private LedgerId() {
    }

    /**
     * Returns the ledger's UUID for a message id and its sent time: the metadata's text, decimal epoch milliseconds,
     * or null. A sent time that is not 1 to 15 ASCII digits below 2^48 counts as none.
     */
    static UUID of(String messageId, String sentMillis) {
        long sent = millisOrMinusOne(sentMillis);
        if (sent < 0) {
            return of(messageId);
        }
        UUID own = canonicalOrNull(messageId);
        long high;
        long low;
        if (own != null && own.version() == 4 && own.variant() == 2) {
            high = own.getMostSignificantBits();
            low = own.getLeastSignificantBits();
        } else {
            ByteBuffer hash = ByteBuffer.wrap(sha256(messageId));
            high = hash.getLong();
            low = hash.getLong();
        }
        return new UUID(sent << 16 | 0x7000L | high & 0x0fffL, low & 0x3fffffffffffffffL | Long.MIN_VALUE);
    }

    /** Returns the ledger's UUID for a message id without a sent time. */
    static UUID of(String messageId) {
        UUID direct = canonicalOrNull(messageId);
        return direct != null && direct.version() != 7 && direct.version() != 8 ? direct : named(messageId);
    }

    private static long millisOrMinusOne(String text) {
        if (text == null || text.isEmpty() || text.length() > 15) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value < 1L << 48 ? value : -1;
    }

    // 8-4-4-4-12 lowercase hex digits, or null.
    private static UUID canonicalOrNull(String id) {
        if (id.length() != 36) {
            return null;
        }
        long high = 0;
        long low = 0;
        int digits = 0;
        for (int i = 0; i < 36; i++) {
            char c = id.charAt(i);
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                if (c != '-') {
                    return null;
                }
                continue;
            }
            int nibble = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
            if (nibble < 0) {
                return null;
            }
            if (digits < 16) {
                high = high << 4 | nibble;
            } else {
                low = low << 4 | nibble;
            }
            digits++;
        }
        return new UUID(high, low);
    }

    /**
     * Returns ids as a PostgreSQL array literal, {@code {5fd1e2a0-3c4b-...,...}}, for a {@code ?::uuid[]} parameter:
     * one string for the batch, where the driver's {@code createArrayOf} makes one per id and escapes each.
     */
    static String arrayText(UUID[] ids) {
        if (ids.length == 0) {
            return "{}";
        }
        byte[] out = new byte[1 + ids.length * 37];
        int at = 0;
        out[at++] = '{';
        for (UUID id : ids) {
            at = hex(out, at, id.getMostSignificantBits() >>> 32, 8);
            out[at++] = '-';
            at = hex(out, at, id.getMostSignificantBits() >>> 16, 4);
            out[at++] = '-';
            at = hex(out, at, id.getMostSignificantBits(), 4);
            out[at++] = '-';
            at = hex(out, at, id.getLeastSignificantBits() >>> 48, 4);
            out[at++] = '-';
            at = hex(out, at, id.getLeastSignificantBits(), 12);
            out[at++] = ',';
        }
        out[at - 1] = '}';
        return new String(out, StandardCharsets.ISO_8859_1);
    }

    // The low `digits` hex digits of a value, lowercase, most significant first.
    private static int hex(byte[] out, int at, long value, int digits) {
        for (int i = digits - 1; i >= 0; i--) {
            out[at + i] = HEX[(int) (value & 0xf)];
            value >>>= 4;
        }
        return at + digits;
    }

    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.ISO_8859_1);

    private static byte[] sha256(String id) {
        return SHA_256.get().digest(id.getBytes(StandardCharsets.UTF_8));
    }

    private static UUID named(String id) {
        byte[] hash = sha256(id);
        hash[6] = (byte) (hash[6] & 0x0f | 0x80);
        hash[8] = (byte) (hash[8] & 0x3f | 0x80);
        ByteBuffer bytes = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(bytes.getLong(), bytes.getLong());
    }
}
