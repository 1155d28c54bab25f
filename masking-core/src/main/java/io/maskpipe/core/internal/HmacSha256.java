package io.maskpipe.core.internal;

import java.security.DigestException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * HMAC-SHA256 (RFC 2104) on the JDK's SHA-256 {@link MessageDigest}, keyed once: the inner and outer digests are
 * kept with the padded key already absorbed, and each tag starts from copies of them.
 *
 * <p>Not thread-safe: keep one per thread. Checked against RFC 4231 and, through {@code HmacMasker}, against the JDK's
 * own {@code Mac}.
 */
public final class HmacSha256 {
    /*
     * Why not javax.crypto.Mac: the JDK's HmacCore re-absorbs the 64-byte ipad block after every tag to be ready for
     * the next one, and allocates the tag. For the short inputs maskers see (a value and its domain frame, one block)
     * that is a third of the work. Cloning a digest that already holds the ipad (and opad) block costs less than
     * compressing the block again, so a tag here is two compressions and two small copies.
     */
    /** The tag length in bytes. */
    public static final int TAG_BYTES = 32;
    private static final int BLOCK_BYTES = 64;

    private final MessageDigest innerKeyed;
    private final MessageDigest outerKeyed;
    private final byte[] innerHash = new byte[TAG_BYTES];

    /**
     * Keys the MAC. The caller may wipe {@code key} afterwards.
     *
     * @param key the HMAC key, any length (RFC 2104 section 2: hashed first when longer than 64 bytes)
     */
    public HmacSha256(byte[] key) {
        Objects.requireNonNull(key, "key");
        byte[] k = key.length > BLOCK_BYTES ? sha256().digest(key) : key;
        byte[] ipad = new byte[BLOCK_BYTES];
        byte[] opad = new byte[BLOCK_BYTES];
        for (int i = 0; i < BLOCK_BYTES; i++) {
            byte b = i < k.length ? k[i] : 0;
            ipad[i] = (byte) (b ^ 0x36);
            opad[i] = (byte) (b ^ 0x5c);
        }
        innerKeyed = sha256();
        innerKeyed.update(ipad);
        outerKeyed = sha256();
        outerKeyed.update(opad);
        Arrays.fill(ipad, (byte) 0);
        Arrays.fill(opad, (byte) 0);
        if (k != key) {
            Arrays.fill(k, (byte) 0);
        }
    }

    /**
     * Writes the 32-byte tag of {@code data[off, off+len)} to {@code tag} at {@code tagOff}.
     *
     * @param data the message
     * @param off where the message starts
     * @param len its length
     * @param tag where the tag goes, at least {@code tagOff + 32} long
     * @param tagOff where in {@code tag} it starts
     */
    public void tag(byte[] data, int off, int len, byte[] tag, int tagOff) {
        try {
            MessageDigest inner = (MessageDigest) innerKeyed.clone();
            inner.update(data, off, len);
            inner.digest(innerHash, 0, TAG_BYTES);
            MessageDigest outer = (MessageDigest) outerKeyed.clone();
            outer.update(innerHash);
            outer.digest(tag, tagOff, TAG_BYTES);
        } catch (CloneNotSupportedException | DigestException e) {
            throw new CryptoUnavailableException("a cloneable SHA-256", e);
        }
    }

    /**
     * Returns the tag of a whole message in a new array.
     *
     * @param data the message
     * @return the 32-byte tag
     */
    public byte[] tag(byte[] data) {
        byte[] tag = new byte[TAG_BYTES];
        tag(data, 0, data.length, tag, 0);
        return tag;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (GeneralSecurityException e) {
            throw new CryptoUnavailableException("SHA-256", e);
        }
    }
}
