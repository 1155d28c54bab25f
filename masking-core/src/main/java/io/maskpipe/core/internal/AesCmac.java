package io.maskpipe.core.internal;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-CMAC (RFC 4493, NIST SP 800-38B) on the JDK's {@code AES/ECB/NoPadding}, one block at a time.
 *
 * <p>Not thread-safe: it keeps its cipher and scratch blocks, so each thread needs its own instance.
 */
public final class AesCmac {
    /** The AES block size and the length of a CMAC tag, in bytes. */
    public static final int BLOCK = 16;

    private final Cipher aes;
    private final byte[] k1 = new byte[BLOCK];
    private final byte[] k2 = new byte[BLOCK];
    private final byte[] x = new byte[BLOCK];
    private final byte[] y = new byte[BLOCK];

    /** Creates a CMAC with an AES key of 16, 24 or 32 bytes; the array is not kept. */
    public AesCmac(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length != 16 && key.length != 24 && key.length != 32) {
            throw new IllegalArgumentException("aes-cmac: key must be 16, 24 or 32 bytes, got " + key.length);
        }
        aes = Jce.cipher("AES/ECB/NoPadding");
        try {
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"));
        } catch (GeneralSecurityException e) {
            throw new CryptoUnavailableException("AES", e);
        }
        // RFC 4493 section 2.3: L = AES-128(K, const_Zero); K1 = dbl(L); K2 = dbl(K1)
        encryptBlock(new byte[BLOCK], k1);
        dbl(k1);
        System.arraycopy(k1, 0, k2, 0, BLOCK);
        dbl(k2);
    }

    /** Returns the tag of a whole array. */
    public byte[] mac(byte[] message) {
        byte[] tag = new byte[BLOCK];
        mac(message, 0, message.length, tag, 0);
        return tag;
    }

    /** Writes the 16-byte tag of {@code message[off, off+len)} into {@code tag[tagOff, tagOff+16)}. */
    public void mac(byte[] message, int off, int len, byte[] tag, int tagOff) {
        // RFC 4493 section 2.4, steps 2 to 7
        int blocks = Math.max(1, (len + BLOCK - 1) / BLOCK);
        boolean complete = len > 0 && len % BLOCK == 0;
        Arrays.fill(x, (byte) 0);
        for (int i = 0; i < blocks - 1; i++) {
            int base = off + i * BLOCK;
            for (int j = 0; j < BLOCK; j++) {
                y[j] = (byte) (x[j] ^ message[base + j]);
            }
            encryptBlock(y, x);
        }
        int lastStart = off + (blocks - 1) * BLOCK;
        int lastLen = len - (blocks - 1) * BLOCK;
        byte[] subkey = complete ? k1 : k2;
        for (int j = 0; j < BLOCK; j++) {
            byte m = j < lastLen ? message[lastStart + j] : (j == lastLen ? (byte) 0x80 : 0); // padding(), 2.4
            y[j] = (byte) (x[j] ^ m ^ subkey[j]);
        }
        encryptBlock(y, x);
        System.arraycopy(x, 0, tag, tagOff, BLOCK);
    }

    /** Encrypts one block with the raw AES key (no CMAC): {@code out = AES(K, in)}. */
    void encryptBlock(byte[] in, byte[] out) {
        try {
            aes.update(in, 0, BLOCK, out, 0);
        } catch (GeneralSecurityException e) {
            throw new CryptoUnavailableException("AES/ECB/NoPadding", e);
        }
    }

    /**
     * Doubles a block in GF(2^128) in place: shift left one bit, and when the top bit fell out, XOR the last byte
     * with 0x87 (RFC 4493 section 2.3; RFC 5297 section 2.3 calls it dbl).
     */
    public static void dbl(byte[] block) {
        int carry = (block[0] & 0x80) != 0 ? 0x87 : 0;
        for (int i = 0; i < BLOCK - 1; i++) {
            block[i] = (byte) ((block[i] << 1) | ((block[i + 1] & 0xff) >>> 7));
        }
        block[BLOCK - 1] = (byte) ((block[BLOCK - 1] << 1) ^ carry);
    }
}
