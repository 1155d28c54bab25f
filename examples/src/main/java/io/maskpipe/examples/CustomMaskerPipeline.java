package io.maskpipe.examples;

/**
 * The user-logins pipeline with a masker its user wrote: {@link Ipv4NetworkMasker} keeps the /24 network of each ip
 * and replaces the host with a keyed tag, so analysts can count logins per network as well as find repeated
 * addresses. Rows go into {@code user_logins_by_network}; everything else is as in {@link UserLoginsPipeline}, on the
 * same embedded defaults and options.
 *
 * @since 0.1.0
 */
public final class CustomMaskerPipeline {
    private CustomMaskerPipeline() {
    }

    /**
     * Runs the example and exits with 0 when done, 1 when it failed, 2 for bad options.
     *
     * @param args the options, see {@code --help}
     */
    public static void main(String[] args) {
        System.exit(LoginsExample.main("CustomMaskerPipeline", true, args, System.getenv(), System.out, System.err));
    }
}
