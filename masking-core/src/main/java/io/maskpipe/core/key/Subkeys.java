package io.maskpipe.core.key;

import io.maskpipe.core.internal.Hkdf;
import java.util.Arrays;
import java.util.Objects;

/**
 * Derives purpose-bound subkeys from a key ring's master keys: the one place where a master key's bytes are used,
 * by the built-in maskers and by maskers in other modules (FF1, say).
 *
 * <p>Each algorithm must use its own {@code info} label with a format version, such as {@code maskpipe/v1/ff1}, so
 * no key is shared between algorithms (HKDF-SHA256, RFC 5869, no salt; {@code docs/format.md}). Derive once when a
 * masker is built, not per value.
 *
 * @since 0.1.0
 */
public final class Subkeys {
    private Subkeys() {
    }

    /**
     * Derives a subkey. The result is key material: keep it inside the masker, never log it, and wipe it when done.
     *
     * @param ring the key ring
     * @param id the master key to derive from
     * @param info the purpose label, such as {@code maskpipe/v1/ff1}
     * @param length the subkey's length in bytes
     * @return a new array with the subkey
     * @throws KeyringException when the ring has no key with that id
     */
    public static byte[] derive(Keyring ring, KeyId id, String info, int length) {
        Objects.requireNonNull(ring, "ring");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(info, "info");
        byte[] master = ring.material(id).toByteArrayInsecure();
        try {
            return Hkdf.subkey(master, info, length);
        } finally {
            Arrays.fill(master, (byte) 0);
        }
    }
}
