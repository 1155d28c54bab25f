package io.maskpipe.core.key;

import io.maskpipe.core.record.MaskpipeException;

/**
 * Thrown when a key ring cannot be built or read: a key too short, an id given twice, no primary key, an unreadable
 * key file or variable.
 *
 * <p>The message names the key id, the source (variable or file name) and the rule, never key bytes, as in
 * {@code key 'k2': 16 bytes given, 32 required}.
 *
 * @since 0.1.0
 */
public final class KeyringException extends MaskpipeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is wrong, naming key ids and never key bytes
     */
    public KeyringException(String message) {
        super(message);
    }

    /**
     * Creates the exception with its cause.
     *
     * @param message what is wrong, naming key ids and never key bytes
     * @param cause the underlying failure (an I/O error, say)
     */
    public KeyringException(String message, Throwable cause) {
        super(message, cause);
    }
}
