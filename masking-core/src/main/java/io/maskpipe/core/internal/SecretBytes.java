package io.maskpipe.core.internal;

import java.security.MessageDigest;
import java.util.Objects;

/**
 * Key bytes, kept in one place: no revealing {@code toString}, constant-time comparison, raw bytes only through a
 * method whose name warns. Immutable and thread-safe.
 */
public final class SecretBytes {
    private final byte[] bytes;

    private SecretBytes(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Copies the given bytes; the caller may wipe its array afterwards. */
    public static SecretBytes copyOf(byte[] bytes) {
        return new SecretBytes(Objects.requireNonNull(bytes, "bytes").clone());
    }

    /** Returns the number of bytes. */
    public int length() {
        return bytes.length;
    }

    /** Returns a copy of the raw bytes; the caller should wipe it when done. */
    public byte[] toByteArrayInsecure() {
        return bytes.clone();
    }

    /** Compares in constant time. */
    public boolean equalsConstantTime(SecretBytes other) {
        return other != null && MessageDigest.isEqual(bytes, other.bytes);
    }

    @Override
    public String toString() {
        return "SecretBytes[" + bytes.length + " bytes]";
    }
}
