package io.maskpipe.core.engine;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with jitter: attempt n waits a random time between half and all of
 * {@code min(maxDelay, initialDelay * 2^(n-1))}, so pollers and writers that failed together do not retry together.
 */
public record Backoff(Duration initialDelay, Duration maxDelay, int maxAttempts) {

    /** Whether attempt {@code attempt} (from 1) was the last one allowed; {@code maxAttempts} 0 means no limit. */
    public boolean exhausted(int attempt) {
        return maxAttempts > 0 && attempt >= maxAttempts;
    }

    public Duration delay(int attempt) {
        long full = (long) Math.min(maxDelay.toNanos(), initialDelay.toNanos() * Math.pow(2, attempt - 1));
        long half = full / 2;
        return Duration.ofNanos(half + (half == 0 ? 0 : ThreadLocalRandom.current().nextLong(full - half + 1)));
    }
}
