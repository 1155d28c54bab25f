package io.maskpipe.core.internal;

/**
 * Thrown when the JVM lacks a primitive every conforming Java runtime has ({@code HmacSHA256}, {@code AES}): a bug
 * in the platform, not in the caller's input, so it is unchecked and converted here once.
 */
public final class CryptoUnavailableException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception naming the missing algorithm. */
    public CryptoUnavailableException(String algorithm, Throwable cause) {
        super("crypto: the JVM lacks " + algorithm + ", which every Java runtime must provide", cause);
    }
}
