package io.maskpipe.core;

import io.maskpipe.core.record.MaskpipeException;

/**
 * Thrown when a sealed dead letter cannot be opened: the ring has no key with the id in front of it, its text was
 * changed, it was sealed for another message id, or it is not a sealed dead letter at all (an unsealed one, say).
 *
 * <p>The message names the message id only and is the same for every cause: telling which check failed would help
 * a forger, and the sealed text is never quoted.
 *
 * @since 0.1.0
 */
public final class SealedDeadLetterException extends MaskpipeException {
    private static final long serialVersionUID = 1L;

    private SealedDeadLetterException(String message) {
        super(message);
    }

    static SealedDeadLetterException cannotOpen(String messageId) {
        return new SealedDeadLetterException("dead letter of message '" + messageId
                + "': cannot be opened with this key ring (a key it needs is missing, or it was changed, or it is"
                + " not sealed)");
    }
}
