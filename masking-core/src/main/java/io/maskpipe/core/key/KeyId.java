package io.maskpipe.core.key;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The name of one key in a {@link Keyring}, such as {@code k1} or {@code 2026-11}: short, of letters, digits,
 * {@code _} and {@code -}.
 *
 * <p>Every mask and token starts with the id of the key that made it, so keys can rotate and reveal picks the right
 * key without trying them all. An id is not secret.
 *
 * @param value the id's text
 * @since 0.1.0
 */
public record KeyId(String value) {
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    /**
     * Checks the id's shape.
     *
     * @param value the id's text
     * @throws IllegalArgumentException when it is empty, longer than 32 characters or holds other characters
     */
    public KeyId {
        Objects.requireNonNull(value, "value");
        if (!SHAPE.matcher(value).matches()) {
            throw new IllegalArgumentException("key id: must be 1 to 32 of [A-Za-z0-9_-], got "
                    + value.length() + " characters");
        }
    }

    /**
     * Returns the key id with the given text.
     *
     * @param value the id's text
     * @return the id
     */
    public static KeyId of(String value) {
        return new KeyId(value);
    }

    /** Returns the id's text. */
    @Override
    public String toString() {
        return value;
    }
}
