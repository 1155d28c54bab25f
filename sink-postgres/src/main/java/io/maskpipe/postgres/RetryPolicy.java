package io.maskpipe.postgres;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often and how patiently a batch's transaction is tried again after a transient error: exponential backoff
 * from an initial delay, capped, with jitter so that writers that failed together do not retry together.
 */
record RetryPolicy(int maxAttempts, Duration initialDelay, Duration maxDelay) {
    static final RetryPolicy DEFAULT = new RetryPolicy(6, Duration.ofMillis(100), Duration.ofSeconds(2));

    /** Returns the delay before the attempt after {@code attempt}: initial * 2^(attempt-1), capped, +-25%. */
    long delayMillis(int attempt) {
        long base = initialDelay.toMillis() << Math.min(attempt - 1, 20);
        long capped = Math.min(base, maxDelay.toMillis());
        long jitter = capped / 4;
        return Math.max(0, capped - jitter + (jitter == 0 ? 0 : ThreadLocalRandom.current().nextLong(2 * jitter)));
    }
}
