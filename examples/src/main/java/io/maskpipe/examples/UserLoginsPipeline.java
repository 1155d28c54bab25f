package io.maskpipe.examples;

/**
 * The worked example: login events from SQS, {@code ip} and {@code device_id} masked with keyed HMAC so analysts can
 * still find duplicates, rows into the {@code user_logins} table of PostgreSQL, rejected messages into the
 * dead-letter queue {@code login-queue-dlq}.
 *
 * <p>With no options it runs on its own: ElasticMQ in this JVM, an embedded PostgreSQL and a throwaway key (it says
 * so). Flags and environment variables point it at a real queue, database and key ring ({@code --help}); with
 * {@code --tokenize} the device id is stored as an AES-SIV token in {@code user_logins_tokenized}, and a key holder
 * reveals one at the end. See {@code docs/user-logins.md}.
 *
 * @since 0.1.0
 */
public final class UserLoginsPipeline {
    private UserLoginsPipeline() {
    }

    /**
     * Runs the example and exits with 0 when done, 1 when it failed, 2 for bad options.
     *
     * @param args the options, see {@code --help}
     */
    public static void main(String[] args) {
        System.exit(LoginsExample.main("UserLoginsPipeline", false, args, System.getenv(), System.out, System.err));
    }
}
