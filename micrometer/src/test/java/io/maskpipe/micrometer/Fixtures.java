package io.maskpipe.micrometer;

import io.maskpipe.core.record.Metadata;
import io.maskpipe.core.record.Record;
import io.maskpipe.core.spi.Sink;
import io.maskpipe.core.spi.WriteResult;
import io.maskpipe.testing.InMemorySink;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Shared fixtures: logins, a sink that holds its first write, and a patient wait. */
final class Fixtures {
    static final Duration PATIENCE = Duration.ofSeconds(20);

    private Fixtures() {
    }

    static Record login(int i) {
        return Record.builder().put("user_id", "u" + i).put("ip", "10.0.0." + (i % 250))
                .metadata(Metadata.empty().with(Metadata.MESSAGE_ID, "id-" + i)).build();
    }

    /** Waits for a condition, failing after a generous timeout; never asserts how long it took. */
    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting until " + what, e);
            }
        }
    }

    /** A sink that holds its first write until the test opens the gate, then stores through an in-memory sink. */
    static final class GatedSink implements Sink {
        final InMemorySink delegate = InMemorySink.create();
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch gate = new CountDownLatch(1);

        @Override
        public List<WriteResult> write(List<Record> records) {
            entered.countDown();
            try {
                gate.await(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return delegate.write(records);
        }
    }
}
