package io.maskpipe.core;

import io.maskpipe.core.internal.KeyringAccess;
import io.maskpipe.core.internal.SecretBytes;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Named master keys, one of them primary: what keyed maskers and tokenizers are built from.
 *
 * <p>New masks and tokens use the primary key; tokens made with a retired key still reveal while that key stays in
 * the ring. A master key is never used directly: each algorithm derives its own subkey with HKDF-SHA256
 * ({@code docs/format.md}). Keys must be random and at least 32 bytes long.
 *
 * <p>Security: the ring's {@code toString()} and every exception it throws show key ids, the primary and lengths,
 * never key bytes. Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class Keyring {
    /** The shortest master key accepted, in bytes. */
    public static final int MIN_KEY_BYTES = 32;

    static {
        KeyringAccess.install((ring, id) -> ring.material(id));
    }

    private final Map<KeyId, SecretBytes> keys;
    private final KeyId primary;

    private Keyring(Map<KeyId, SecretBytes> keys, KeyId primary) {
        this.keys = keys;
        this.primary = primary;
    }

    /**
     * Returns a ring of one key, which is primary.
     *
     * @param id the key's id
     * @param key the key's bytes, at least {@value #MIN_KEY_BYTES}; copied, so the caller may wipe its array
     * @return the ring
     * @throws KeyringException when the key is too short
     */
    public static Keyring of(String id, byte[] key) {
        return builder().key(id, key).primary(id).build();
    }

    /**
     * Returns a builder for a ring of several keys.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the id of the primary key, which makes new masks and tokens.
     *
     * @return the primary key's id
     */
    public KeyId primary() {
        return primary;
    }

    /**
     * Returns the ids of every key in the ring, in the order they were added.
     *
     * @return an unmodifiable set
     */
    public Set<KeyId> ids() {
        return keys.keySet();
    }

    /**
     * Returns whether the ring holds a key.
     *
     * @param id the key's id
     * @return true when the ring has it
     */
    public boolean contains(KeyId id) {
        return keys.containsKey(Objects.requireNonNull(id, "id"));
    }

    /** Returns ids, the primary and lengths, never bytes: {@code Keyring[primary=k2, keys=[k1 (32 bytes), ...]]}. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Keyring[primary=").append(primary).append(", keys=[");
        String separator = "";
        for (Map.Entry<KeyId, SecretBytes> entry : keys.entrySet()) {
            sb.append(separator).append(entry.getKey()).append(" (").append(entry.getValue().length())
                    .append(" bytes)");
            separator = ", ";
        }
        return sb.append("]]").toString();
    }

    private SecretBytes material(KeyId id) {
        SecretBytes key = keys.get(Objects.requireNonNull(id, "id"));
        if (key == null) {
            throw new KeyringException("key '" + id + "': not in the ring " + keys.keySet());
        }
        return key;
    }

    /**
     * Collects the keys of a {@link Keyring}. Not thread-safe; {@link #build()} copies, so later changes never reach
     * a built ring.
     *
     * @since 0.1.0
     */
    public static final class Builder {
        private final Map<KeyId, SecretBytes> keys = new LinkedHashMap<>();
        private KeyId primary;

        private Builder() {
        }

        /**
         * Adds a key.
         *
         * @param id the key's id
         * @param key the key's bytes, at least {@value #MIN_KEY_BYTES}; copied, so the caller may wipe its array
         * @return this builder
         * @throws KeyringException when the key is too short or the id was given before
         */
        public Builder key(String id, byte[] key) {
            KeyId keyId = KeyId.of(Objects.requireNonNull(id, "id"));
            Objects.requireNonNull(key, "key");
            if (key.length < MIN_KEY_BYTES) {
                throw new KeyringException("key '" + id + "': " + key.length + " bytes given, " + MIN_KEY_BYTES
                        + " required");
            }
            if (keys.containsKey(keyId)) {
                throw new KeyringException("key '" + id + "': given twice");
            }
            keys.put(keyId, SecretBytes.copyOf(key));
            return this;
        }

        /**
         * Names the primary key, which makes new masks and tokens.
         *
         * @param id the primary key's id
         * @return this builder
         * @throws IllegalStateException when the primary was named before
         */
        public Builder primary(String id) {
            KeyId keyId = KeyId.of(Objects.requireNonNull(id, "id"));
            if (primary != null) {
                throw new IllegalStateException("keyring: primary already set to '" + primary + "'");
            }
            primary = keyId;
            return this;
        }

        /**
         * Builds the ring.
         *
         * @return the ring
         * @throws KeyringException when it has no key, no primary, or a primary that is not among its keys
         */
        public Keyring build() {
            if (keys.isEmpty()) {
                throw new KeyringException("keyring: no keys");
            }
            if (primary == null) {
                if (keys.size() > 1) {
                    throw new KeyringException("keyring: " + keys.size() + " keys and no primary named");
                }
                primary = keys.keySet().iterator().next();
            }
            if (!keys.containsKey(primary)) {
                throw new KeyringException("key '" + primary + "': named primary but not in the ring "
                        + keys.keySet());
            }
            return new Keyring(Collections.unmodifiableMap(new LinkedHashMap<>(keys)), primary);
        }
    }
}
