package io.maskpipe.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskpipe.core.Masker;
import io.maskpipe.core.Pipeline;
import io.maskpipe.core.PipelineStage;
import io.maskpipe.core.record.Metadata;
import io.maskpipe.core.record.Record;
import io.maskpipe.core.spi.Delivery;
import io.maskpipe.core.spi.Sink;
import io.maskpipe.core.spi.Source;
import io.maskpipe.core.spi.WriteResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/** Shared fixtures for the pipeline scenarios. */
final class Fixtures {
    static final Masker LENGTH = (value, context) -> "m(" + value.length() + ")";
    static final Duration PATIENCE = Duration.ofSeconds(20);

    private Fixtures() {
    }

    static Record login(int i) {
        return Record.builder().put("user_id", "u" + i).put("ip", "10.0.0." + (i % 250))
                .metadata(Metadata.empty().with(Metadata.MESSAGE_ID, "id-" + i)).build();
    }

    static List<Record> logins(int n) {
        List<Record> records = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            records.add(login(i));
        }
        return records;
    }

    /** A stage with test-friendly timings: short polls and retries. */
    static PipelineStage fast(Source source) {
        return Pipeline.from(source).pollWait(Duration.ofMillis(5)).retry(Duration.ofMillis(1), Duration.ofMillis(5));
    }

    static List<String> ids(List<Record> records) {
        List<String> ids = new ArrayList<>();
        records.forEach(r -> ids.add(r.metadata().messageId().orElseThrow()));
        return ids;
    }

    /** Waits for a condition, failing after a generous timeout; never asserts how long it took. */
    static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.onSpinWait();
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting until " + what, e);
            }
        }
    }

    static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(PATIENCE.toSeconds(), TimeUnit.SECONDS)).as("latch reached").isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A source that passes every call to an in-memory source; tests override what they watch. */
    static class ForwardingSource implements Source {
        final InMemorySource delegate;

        ForwardingSource(InMemorySource delegate) {
            this.delegate = delegate;
        }

        @Override
        public List<Delivery> receive(Duration maxWait) throws InterruptedException {
            return delegate.receive(maxWait);
        }

        @Override
        public void acknowledge(List<Delivery> deliveries) {
            delegate.acknowledge(deliveries);
        }

        @Override
        public void extendVisibility(List<Delivery> deliveries, Duration extension) {
            delegate.extendVisibility(deliveries, extension);
        }

        @Override
        public void release(List<Delivery> deliveries) {
            delegate.release(deliveries);
        }

        @Override
        public Duration visibilityTimeout() {
            return delegate.visibilityTimeout();
        }
    }

    /**
     * A source that checks the at-least-once rule on every acknowledgement: the message's record must already be in
     * the sink, or its rejection in the dead letters.
     */
    static final class AuditedSource extends ForwardingSource {
        private final InMemorySink sink;
        private final InMemoryDeadLetters deadLetters;
        final List<String> earlyAcknowledgements = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger extensions = new AtomicInteger();
        final CountDownLatch extended = new CountDownLatch(1);

        AuditedSource(InMemorySource delegate, InMemorySink sink, InMemoryDeadLetters deadLetters) {
            super(delegate);
            this.sink = sink;
            this.deadLetters = deadLetters;
        }

        @Override
        public void acknowledge(List<Delivery> deliveries) {
            List<String> stored = ids(sink.records());
            if (deadLetters != null) {
                deadLetters.letters().forEach(letter -> stored.add(letter.delivery().id()));
            }
            deliveries.stream().map(Delivery::id).filter(id -> !stored.contains(id))
                    .forEach(earlyAcknowledgements::add);
            super.acknowledge(deliveries);
        }

        @Override
        public void extendVisibility(List<Delivery> deliveries, Duration extension) {
            extensions.incrementAndGet();
            extended.countDown();
            super.extendVisibility(deliveries, extension);
        }
    }

    /** A sink that stores through an in-memory sink, then holds chosen writes until the test opens the gate. */
    static final class GatedSink implements Sink {
        final InMemorySink delegate = InMemorySink.create();
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch gate = new CountDownLatch(1);
        private final AtomicInteger writes = new AtomicInteger();
        private final int holdWrite;
        private final boolean storeBeforeHolding;

        /** Holds the {@code holdWrite}-th write (from 1), storing its records first when asked. */
        GatedSink(int holdWrite, boolean storeBeforeHolding) {
            this.holdWrite = holdWrite;
            this.storeBeforeHolding = storeBeforeHolding;
        }

        @Override
        public List<WriteResult> write(List<Record> records) {
            if (writes.incrementAndGet() != holdWrite) {
                return delegate.write(records);
            }
            List<WriteResult> results = storeBeforeHolding ? delegate.write(records) : null;
            entered.countDown();
            try {
                gate.await(PATIENCE.toSeconds(), TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return results != null ? results : delegate.write(records);
        }
    }
}
