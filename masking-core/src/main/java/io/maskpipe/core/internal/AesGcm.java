package io.maskpipe.core.internal;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-256-GCM on the JDK ({@code AES/GCM/NoPadding}): a 12-byte nonce, a 16-byte tag, output
 * {@code nonce || ciphertext || tag}. Randomised: each seal draws a fresh nonce, except where a test vector fixes
 * one. Immutable and thread-safe; a {@link Cipher} is made per call, since GCM refuses to reuse a key and nonce pair
 * on one instance.
 */
public final class AesGcm {
    /** The nonce's length in bytes. */
    public static final int NONCE_BYTES = 12;
    /** The tag's length in bytes. */
    public static final int TAG_BYTES = 16;
    /** The key's length in bytes (AES-256). */
    public static final int KEY_BYTES = 32;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    private AesGcm(SecretKeySpec key) {
        this.key = key;
    }

    /** Returns an instance for a 32-byte key; the caller may wipe its array afterwards. */
    public static AesGcm of(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("AES-256-GCM: key must be " + KEY_BYTES + " bytes, was " + key.length);
        }
        return new AesGcm(new SecretKeySpec(key, "AES"));
    }

    /** Seals with a fresh random nonce: returns {@code nonce || ciphertext || tag}. */
    public byte[] seal(byte[] plaintext, byte[] associatedData) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        return seal(nonce, plaintext, associatedData);
    }

    /** Seals with the given nonce, for published test vectors only: a nonce must never be used twice with a key. */
    public byte[] seal(byte[] nonce, byte[] plaintext, byte[] associatedData) {
        if (nonce.length != NONCE_BYTES) {
            throw new IllegalArgumentException("AES-256-GCM: nonce must be " + NONCE_BYTES + " bytes");
        }
        try {
            Cipher cipher = Jce.cipher("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BYTES * 8, nonce));
            cipher.updateAAD(associatedData);
            byte[] out = new byte[NONCE_BYTES + plaintext.length + TAG_BYTES];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            cipher.doFinal(plaintext, 0, plaintext.length, out, NONCE_BYTES);
            return out;
        } catch (GeneralSecurityException e) {
            throw new CryptoUnavailableException("AES/GCM/NoPadding", e);
        }
    }

    /**
     * Opens {@code nonce || ciphertext || tag}; returns the plaintext, or {@code null} when the input is too short
     * or fails the tag check (changed, another key, other associated data).
     */
    public byte[] openOrNull(byte[] sealed, byte[] associatedData) {
        if (sealed.length < NONCE_BYTES + TAG_BYTES) {
            return null;
        }
        try {
            Cipher cipher = Jce.cipher("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key,
                    new GCMParameterSpec(TAG_BYTES * 8, Arrays.copyOf(sealed, NONCE_BYTES)));
            cipher.updateAAD(associatedData);
            return cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            return null;
        } catch (GeneralSecurityException e) {
            throw new CryptoUnavailableException("AES/GCM/NoPadding", e);
        }
    }

    @Override
    public String toString() {
        return "AesGcm[256]";
    }
}
