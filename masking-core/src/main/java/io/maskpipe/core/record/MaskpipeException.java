package io.maskpipe.core.record;

/**
 * The base of every failure maskpipe reports that a caller may want to handle (a bad key ring, a refused token,
 * a sink that cannot write).
 *
 * <p>Messages name the operation, the place (field path, key id, setting) and the rule, never a field value, a
 * token or key bytes. Programming mistakes are reported with the JDK's own exceptions instead.
 *
 * @since 0.1.0
 */
public abstract class MaskpipeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message that carries no secret.
     *
     * @param message what failed, where and by which rule
     */
    protected MaskpipeException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message that carries no secret and the cause behind it.
     *
     * @param message what failed, where and by which rule
     * @param cause the underlying failure, whose own message must carry no secret either
     */
    protected MaskpipeException(String message, Throwable cause) {
        super(message, cause);
    }
}
