package io.maskpipe.core.internal;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-SIV (RFC 5297): deterministic authenticated encryption from AES-CMAC ({@link AesCmac}) and the JDK's
 * {@code AES/CTR/NoPadding}.
 *
 * <p>Not thread-safe: it keeps its ciphers and scratch buffers, so each thread needs its own instance.
 *
 * <p>Maintainer note: S2V is split in two so that callers encrypting many values under the same associated data
 * (maskpipe's single domain component) can compute the AD part once, with {@link #associate}, and reuse the
 * resulting 16-byte state {@code D} for every value. {@code D} depends on the key and the AD only, and is no secret
 * beyond what the key protects, but callers keep it inside the same per-thread state as this instance.
 */
public final class AesSiv {
    /** The length of the synthetic IV {@code V} that starts every output, in bytes. */
    public static final int IV_BYTES = AesCmac.BLOCK;

    private static final int MAX_AD_COMPONENTS = 126; // RFC 5297 section 7, n - 1 components besides the plaintext

    private final AesCmac cmac;
    private final Cipher ctr;
    private final SecretKeySpec ctrKey;
    private final byte[] zeroTag = new byte[IV_BYTES];
    private final byte[] scratchTag = new byte[IV_BYTES];
    private final byte[] t = new byte[IV_BYTES];
    private final byte[] q = new byte[IV_BYTES];
    private byte[] work = new byte[64];

    /**
     * Creates AES-SIV with a key of 32, 48 or 64 bytes: the first half is K1 (S2V), the second K2 (CTR), RFC 5297
     * section 2.6. The array is not kept.
     */
    public AesSiv(byte[] key) {
        Objects.requireNonNull(key, "key");
        if (key.length != 32 && key.length != 48 && key.length != 64) {
            throw new IllegalArgumentException("aes-siv: key must be 32, 48 or 64 bytes, got " + key.length);
        }
        int half = key.length / 2;
        cmac = new AesCmac(Arrays.copyOfRange(key, 0, half));
        ctrKey = new SecretKeySpec(key, half, half, "AES");
        ctr = Jce.cipher("AES/CTR/NoPadding");
        // RFC 5297 section 2.4: S2V starts from D = AES-CMAC(K, <zero>)
        cmac.mac(new byte[IV_BYTES], 0, IV_BYTES, zeroTag, 0);
    }

    /**
     * Runs the associated-data part of S2V (RFC 5297 section 2.4) and writes the state {@code D} into
     * {@code d[0, 16)}: {@code D = AES-CMAC(K, <zero>)}, then {@code D = dbl(D) xor AES-CMAC(K, Si)} per component.
     */
    public void associate(byte[][] associatedData, byte[] d) {
        if (associatedData.length > MAX_AD_COMPONENTS) {
            throw new IllegalArgumentException("aes-siv: at most " + MAX_AD_COMPONENTS
                    + " associated data components, got " + associatedData.length);
        }
        System.arraycopy(zeroTag, 0, d, 0, IV_BYTES);
        for (byte[] component : associatedData) {
            AesCmac.dbl(d);
            cmac.mac(component, 0, component.length, scratchTag, 0);
            xorInto(d, scratchTag);
        }
    }

    /** Encrypts {@code plaintext} with the given associated data components; returns {@code V || C}. */
    public byte[] encrypt(byte[][] associatedData, byte[] plaintext) {
        byte[] d = new byte[IV_BYTES];
        associate(associatedData, d);
        byte[] out = new byte[IV_BYTES + plaintext.length];
        encrypt(d, plaintext, 0, plaintext.length, out, 0);
        return out;
    }

    /**
     * Encrypts {@code in[off, off+len)} after {@link #associate} gave {@code d}, writing {@code V || C} to
     * {@code out} at {@code outOff}; returns the number of bytes written, {@code 16 + len}.
     */
    public int encrypt(byte[] d, byte[] in, int off, int len, byte[] out, int outOff) {
        s2vFinish(d, in, off, len, out, outOff); // V, RFC 5297 section 2.6
        ctr(out, outOff, in, off, len, out, outOff + IV_BYTES);
        return IV_BYTES + len;
    }

    /** Decrypts {@code V || C} with the given associated data components; returns the plaintext, or null if refused. */
    public byte[] decryptOrNull(byte[][] associatedData, byte[] ciphertext) {
        if (ciphertext.length < IV_BYTES) {
            return null;
        }
        byte[] d = new byte[IV_BYTES];
        associate(associatedData, d);
        byte[] out = new byte[ciphertext.length - IV_BYTES];
        return decrypt(d, ciphertext, 0, ciphertext.length, out, 0) < 0 ? null : out;
    }

    /**
     * Decrypts {@code V || C} from {@code in[off, off+len)} after {@link #associate} gave {@code d}, writing the
     * plaintext to {@code out} at {@code outOff}. Returns its length, or -1 when the input is shorter than V or
     * fails the check (RFC 5297 section 2.7); then nothing of the plaintext is left in {@code out}.
     */
    public int decrypt(byte[] d, byte[] in, int off, int len, byte[] out, int outOff) {
        if (len < IV_BYTES) {
            return -1;
        }
        int plainLen = len - IV_BYTES;
        ctr(in, off, in, off + IV_BYTES, plainLen, out, outOff);
        s2vFinish(d, out, outOff, plainLen, t, 0);
        int diff = 0;
        for (int i = 0; i < IV_BYTES; i++) {
            diff |= t[i] ^ in[off + i]; // constant time: no early exit
        }
        if (diff != 0) {
            Arrays.fill(out, outOff, outOff + plainLen, (byte) 0);
            return -1;
        }
        return plainLen;
    }

    /** The last step of S2V over the plaintext Sn, from state {@code d}; writes V to {@code v[vOff, vOff+16)}. */
    private void s2vFinish(byte[] d, byte[] sn, int off, int len, byte[] v, int vOff) {
        if (len >= IV_BYTES) {
            // RFC 5297 section 2.4: T = Sn xorend D
            if (work.length < len) {
                work = new byte[Math.max(len, work.length * 2)];
            }
            System.arraycopy(sn, off, work, 0, len);
            for (int i = 0; i < IV_BYTES; i++) {
                work[len - IV_BYTES + i] ^= d[i];
            }
            cmac.mac(work, 0, len, v, vOff);
            Arrays.fill(work, 0, len, (byte) 0);
        } else {
            // RFC 5297 section 2.4: T = dbl(D) xor pad(Sn)
            System.arraycopy(d, 0, t, 0, IV_BYTES);
            AesCmac.dbl(t);
            for (int i = 0; i < IV_BYTES; i++) {
                byte padded = i < len ? sn[off + i] : (i == len ? (byte) 0x80 : 0);
                t[i] ^= padded;
            }
            cmac.mac(t, 0, IV_BYTES, v, vOff);
        }
    }

    /** AES-CTR with K2 from Q = V with bits 63 and 31 cleared (RFC 5297 section 2.5). */
    private void ctr(byte[] v, int vOff, byte[] in, int off, int len, byte[] out, int outOff) {
        System.arraycopy(v, vOff, q, 0, IV_BYTES);
        q[8] &= 0x7f;
        q[12] &= 0x7f;
        if (len == 0) {
            return;
        }
        try {
            ctr.init(Cipher.ENCRYPT_MODE, ctrKey, new IvParameterSpec(q));
            ctr.doFinal(in, off, len, out, outOff);
        } catch (GeneralSecurityException e) {
            throw new CryptoUnavailableException("AES/CTR/NoPadding", e);
        }
    }

    private static void xorInto(byte[] target, byte[] other) {
        for (int i = 0; i < IV_BYTES; i++) {
            target[i] ^= other[i];
        }
    }
}
