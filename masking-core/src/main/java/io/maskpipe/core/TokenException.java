package io.maskpipe.core;

import io.maskpipe.core.record.MaskpipeException;

/**
 * Thrown when a token cannot be revealed: it was changed, made with a key that is not in the ring, made for another
 * domain, or is not a token at all.
 *
 * <p>The message is the same for every cause, on purpose: telling which check failed would help an attacker forge
 * tokens, and the token itself is never quoted.
 *
 * @since 0.1.0
 */
public final class TokenException extends MaskpipeException {
    private static final long serialVersionUID = 1L;

    /** The one message every refused reveal carries. */
    static final String MESSAGE = "token: cannot be revealed with this key ring and domain";

    /** Creates the exception with its one message; custom {@link Tokenizer}s throw it too. */
    public TokenException() {
        super(MESSAGE);
    }
}
