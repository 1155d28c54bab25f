package io.maskpipe.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskpipe.core.record.Outcome;
import io.maskpipe.core.record.Record;
import io.maskpipe.core.spi.Delivery;
import io.maskpipe.core.spi.Receipt;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class HiddenTest {
    private static final long VISIBILITY = Duration.ofSeconds(30).toNanos();

    @Test
    void marksOfMessagesVisibleAgainLongAgoAreForgotten_recentOnesAndTheirDeadLettersAreKept() {
        Hidden hidden = new Hidden();
        hidden.visibility(Duration.ofNanos(VISIBILITY));
        long now = System.nanoTime();
        long longAgo = now - VISIBILITY - Hidden.FORGET_AFTER.toNanos() - Duration.ofSeconds(1).toNanos();
        hidden.hide(entry("old", longAgo, true), Hidden.Why.NOT_ACKNOWLEDGED);
        hidden.hide(entry("recent", now - VISIBILITY - Duration.ofSeconds(1).toNanos(), true),
                Hidden.Why.LEFT_FOR_REDRIVE);
        hidden.hide(entry("hidden", now, false), Hidden.Why.NOT_ACKNOWLEDGED);

        hidden.forgetOld(System.nanoTime());

        assertThat(hidden.snapshot().count()).isEqualTo(2);
        assertThat(hidden.receivedAgain("old")).as("forgotten: its dead letter is no longer known").isFalse();
        assertThat(hidden.receivedAgain("recent")).as("visible again only a second ago: still known").isTrue();
    }

    @Test
    void aLongRunKeepsOnlyItsRecentMarks_theSweepRunsAsMarksAccumulate() {
        Hidden hidden = new Hidden();
        hidden.visibility(Duration.ofNanos(VISIBILITY));
        long longAgo = System.nanoTime() - VISIBILITY - Hidden.FORGET_AFTER.toNanos() - 1_000_000_000L;
        for (int i = 0; i < 10_000; i++) {
            hidden.hide(entry("failed-delete-" + i, longAgo, false), Hidden.Why.NOT_ACKNOWLEDGED);
        }
        hidden.hide(entry("now", System.nanoTime(), false), Hidden.Why.NOT_ACKNOWLEDGED);

        assertThat(hidden.snapshot().count()).as("marks left after the sweeps").isLessThanOrEqualTo(1_025);
        assertThat(hidden.receivedAgain("now")).isFalse();
        assertThat(hidden.snapshot().count()).isLessThanOrEqualTo(1_024);
    }

    @Test
    void withoutAVisibilityTimeoutNothingIsForgotten() {
        Hidden hidden = new Hidden();
        hidden.hide(entry("unknown", System.nanoTime() - Duration.ofDays(1).toNanos(), true),
                Hidden.Why.LEFT_FOR_REDRIVE);

        hidden.forgetOld(System.nanoTime());

        assertThat(hidden.receivedAgain("unknown")).isTrue();
    }

    private static Entry entry(String id, long visibleSinceNanos, boolean deadLettered) {
        Record record = Record.builder().put("id", id).build();
        Entry entry = new Entry(Delivery.builder(id, new Ticket(id)).record(record).build(), Outcome.accept(record),
                visibleSinceNanos);
        entry.deadLettered = deadLettered;
        return entry;
    }

    private record Ticket(String id) implements Receipt {
    }
}
