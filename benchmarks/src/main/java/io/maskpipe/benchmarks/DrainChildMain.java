package io.maskpipe.benchmarks;

import io.maskpipe.examples.UserLoginsPipeline;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

/**
 * The child JVM of the drain measurement ({@link DrainHarness}): samples its own heap into a file
 * ({@link HeapSampler}) while it runs the user-logins example exactly as it ships, {@link UserLoginsPipeline#main},
 * against the queue and database the harness started. The sampler's closing line is written by a shutdown hook,
 * since the example ends the JVM itself.
 *
 * <p>Started by {@link DrainHarness}; not meant to be run by hand.
 *
 * @since 0.1.0
 */
public final class DrainChildMain {
    private DrainChildMain() {
    }

    /**
     * Starts the sampler, then runs the example.
     *
     * @param args the sample file, then the example's own options
     * @throws IOException when the sample file cannot be written
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            throw new IllegalArgumentException("usage: DrainChildMain SAMPLE_FILE [example options]");
        }
        HeapSampler sampler = HeapSampler.start(Path.of(args[0]), Duration.ofMillis(500));
        Runtime.getRuntime().addShutdownHook(new Thread(sampler::close, "heap-sampler-end"));
        UserLoginsPipeline.main(Arrays.copyOfRange(args, 1, args.length));
    }
}
