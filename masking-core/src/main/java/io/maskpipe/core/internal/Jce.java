package io.maskpipe.core.internal;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;

/**
 * Gets the JDK's crypto primitives, turning the checked exceptions a conforming JVM never throws into
 * {@link CryptoUnavailableException} once, here.
 */
public final class Jce {
    /** The JDK's name of HMAC-SHA256. */
    public static final String HMAC_SHA256 = "HmacSHA256";

    private Jce() {
    }

    /** Returns a new {@code HmacSHA256} instance initialised with the given key. */
    public static Mac hmacSha256(SecretKey key) {
        try {
            Mac mac = Mac.getInstance(HMAC_SHA256);
            mac.init(key);
            return mac;
        } catch (InvalidKeyException e) {
            throw new IllegalArgumentException("hmac: key refused by the JDK", e);
        } catch (GeneralSecurityException e) {
            throw new CryptoUnavailableException(HMAC_SHA256, e);
        }
    }

    /** Returns a new, uninitialised cipher for a transformation every JVM must provide ({@code AES/CTR/NoPadding}). */
    public static Cipher cipher(String transformation) {
        try {
            return Cipher.getInstance(transformation);
        } catch (GeneralSecurityException e) {
            throw new CryptoUnavailableException(transformation, e);
        }
    }
}
