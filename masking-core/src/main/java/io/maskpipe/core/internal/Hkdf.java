package io.maskpipe.core.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HKDF-SHA256 (RFC 5869) on the JDK's {@code HmacSHA256}: how every subkey is derived from a master key. */
public final class Hkdf {
    private static final int HASH_LENGTH = 32;

    private Hkdf() {
    }

    /**
     * Derives {@code length} bytes from input keying material, a salt (empty means HashLen zeros, RFC 5869 2.2) and
     * an info label.
     */
    public static byte[] derive(byte[] ikm, byte[] salt, byte[] info, int length) {
        if (length < 1 || length > 255 * HASH_LENGTH) {
            throw new IllegalArgumentException("hkdf: length must be 1 to " + 255 * HASH_LENGTH + ", got " + length);
        }
        // RFC 5869 section 2.2: PRK = HMAC-Hash(salt, IKM)
        byte[] prk = Jce.hmacSha256(new SecretKeySpec(salt.length == 0 ? new byte[HASH_LENGTH] : salt,
                Jce.HMAC_SHA256)).doFinal(ikm);
        // RFC 5869 section 2.3: T(i) = HMAC-Hash(PRK, T(i-1) | info | i)
        Mac mac = Jce.hmacSha256(new SecretKeySpec(prk, Jce.HMAC_SHA256));
        Arrays.fill(prk, (byte) 0);
        byte[] okm = new byte[length];
        byte[] t = new byte[0];
        int filled = 0;
        for (int i = 1; filled < length; i++) {
            mac.update(t);
            mac.update(info);
            mac.update((byte) i);
            t = mac.doFinal();
            int n = Math.min(t.length, length - filled);
            System.arraycopy(t, 0, okm, filled, n);
            filled += n;
        }
        return okm;
    }

    /** Derives a maskpipe subkey: no salt, the UTF-8 bytes of {@code info} (e.g. {@code maskpipe/v1/aes-siv}). */
    public static byte[] subkey(byte[] masterKey, String info, int length) {
        return derive(masterKey, new byte[0], info.getBytes(StandardCharsets.UTF_8), length);
    }
}
