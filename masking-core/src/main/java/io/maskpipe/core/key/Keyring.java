package io.maskpipe.core.key;

import io.maskpipe.core.internal.SecretBytes;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
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
 * ({@code docs/format.md}). Keys must be random and at least 32 bytes long: make one with
 * {@code openssl rand -base64 32} or {@link #generateKey()}.
 *
 * <p>The text form read by {@link #parse}, {@link #fromEnvironment} and {@link #fromFile} lists entries separated by
 * commas or line breaks: {@code <id>:<base64 key>} for each key and {@code primary=<id>} naming the primary key
 * (which may be left out when there is one key). Base64 may be standard or URL-safe, padded or not. Blank entries
 * and lines starting with {@code #} are skipped. In an environment variable:
 * <pre>MASKPIPE_KEYS=k1:3q2+7w...=,k2:AAECAw...=,primary=k2</pre>
 *
 * <p>Read the ring once at start-up and build the maskers from it:
 * <pre>{@code
 * Keyring keyring = Keyring.fromFile(keysFile);   // or Keyring.fromEnvironment("MASKPIPE_KEYS")
 * Masker hmac = Maskers.hmac(keyring);            // masks with the primary key
 * Tokenizer tokens = Maskers.tokenize(keyring);   // reveals the tokens of every key in the ring
 * }</pre>
 *
 * <p>Security: the ring's {@code toString()} and every exception it throws show key ids, the primary and lengths,
 * never key bytes. Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class Keyring {
    /** The shortest master key accepted, in bytes. */
    public static final int MIN_KEY_BYTES = 32;

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
     * Parses a ring from its text form (see the class description), such as
     * {@code k1:<base64>,k2:<base64>,primary=k2}.
     *
     * @param text the ring's text
     * @return the ring
     * @throws KeyringException when an entry is malformed, a key is too short or the primary is missing; the message
     *     names the entry's position and the rule, never its text
     */
    public static Keyring parse(String text) {
        return KeyringText.parse(Objects.requireNonNull(text, "text"), "keyring text");
    }

    /**
     * Reads a ring from an environment variable holding its text form, such as
     * {@code MASKPIPE_KEYS=k1:<base64>,primary=k1}.
     *
     * @param variable the variable's name
     * @return the ring
     * @throws KeyringException when the variable is unset or its text is not a valid ring; the message names the
     *     variable and the rule, never its value
     */
    public static Keyring fromEnvironment(String variable) {
        return KeyringText.fromEnvironment(variable, System::getenv);
    }

    /**
     * Reads a ring from a UTF-8 file holding its text form, one entry a line. Keep the file readable by the
     * pipeline's user alone.
     *
     * @param file the file
     * @return the ring
     * @throws KeyringException when the file cannot be read or its text is not a valid ring; the message names the
     *     file and the rule, never its content
     */
    public static Keyring fromFile(Path file) {
        return KeyringText.fromFile(file);
    }

    /**
     * Returns a new random 32-byte key from {@link SecureRandom}, as standard base64: the same as
     * {@code openssl rand -base64 32}. Store it where the ring is read from, never in code.
     *
     * @return the key in base64
     */
    public static String generateKey() {
        byte[] key = new byte[MIN_KEY_BYTES];
        new SecureRandom().nextBytes(key);
        try {
            return Base64.getEncoder().encodeToString(key);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
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

    /** The one way to a master key's bytes, for {@link Subkeys} beside it. */
    SecretBytes material(KeyId id) {
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
            return key(id, key, null);
        }

        Builder key(String id, byte[] key, String where) {
            KeyId keyId = KeyId.of(Objects.requireNonNull(id, "id"));
            Objects.requireNonNull(key, "key");
            // parsed from text, the entry's position alone: an entry written the wrong way round holds a key here
            String place = where == null ? "key '" + id + "'" : where;
            try {
                if (key.length < MIN_KEY_BYTES) {
                    throw new KeyringException(place + ": " + key.length + " bytes given, " + MIN_KEY_BYTES
                            + " required");
                }
                if (keys.containsKey(keyId)) {
                    throw new KeyringException(place + ": given twice");
                }
                keys.put(keyId, SecretBytes.copyOf(key));
                return this;
            } finally {
                if (where != null) {
                    Arrays.fill(key, (byte) 0); // parsed from text: the array is ours to wipe
                }
            }
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
