package io.maskpipe.postgres;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Maps a message id to the 16-byte UUID the ledger keys it by (docs/format.md, "Ledger message ids"). A canonical
 * lowercase UUID text whose version is not 8, which is what SQS gives (version 4), is its own UUID; any other id
 * maps to a name-based UUID: the first 16 bytes of SHA-256 over the id's UTF-8, with the version nibble set to 8 and
 * the RFC 9562 variant bits. The two ranges cannot meet (version 8 against any other), so two ids share an entry
 * only if SHA-256 collides on 122 bits.
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

    /** Returns the ledger's UUID for a message id. */
    static UUID of(String messageId) {
        UUID direct = canonicalOrNull(messageId);
        return direct != null ? direct : named(messageId);
    }

    // 8-4-4-4-12 lowercase hex, version nibble (character 14) not 8; anything else is hashed.
    private static UUID canonicalOrNull(String id) {
        if (id.length() != 36 || id.charAt(14) == '8') {
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

    private static UUID named(String id) {
        MessageDigest sha = SHA_256.get();
        byte[] hash = sha.digest(id.getBytes(StandardCharsets.UTF_8));
        hash[6] = (byte) (hash[6] & 0x0f | 0x80);
        hash[8] = (byte) (hash[8] & 0x3f | 0x80);
        ByteBuffer bytes = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(bytes.getLong(), bytes.getLong());
    }
}
