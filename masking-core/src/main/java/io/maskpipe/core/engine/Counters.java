package io.maskpipe.core.engine;

import io.maskpipe.core.record.ReasonCode;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** The engine's running counts, read into a {@link Tally}. */
final class Counters {
    final LongAdder received = new LongAdder();
    final LongAdder written = new LongAdder();
    final LongAdder duplicates = new LongAdder();
    final LongAdder deadLettered = new LongAdder();
    final LongAdder released = new LongAdder();
    final LongAdder retries = new LongAdder();
    final LongAdder batches = new LongAdder();
    final LongAdder acknowledgeFailures = new LongAdder();
    private final Map<ReasonCode, LongAdder> rejected = new EnumMap<>(ReasonCode.class);

    Counters() {
        for (ReasonCode code : ReasonCode.values()) {
            rejected.put(code, new LongAdder());
        }
    }

    void rejected(ReasonCode reason) {
        rejected.get(reason).increment();
    }

    Tally summary(Duration elapsed, Hidden.Snapshot hidden, boolean drained) {
        Map<ReasonCode, Long> byReason = new EnumMap<>(ReasonCode.class);
        rejected.forEach((code, count) -> {
            long n = count.sum();
            if (n > 0) {
                byReason.put(code, n);
            }
        });
        return new Tally(received.sum(), written.sum(), duplicates.sum(), byReason, deadLettered.sum(),
                released.sum(), retries.sum(), batches.sum(), acknowledgeFailures.sum(), hidden.count(),
                hidden.visibleAgainBy(), drained, elapsed);
    }
}
