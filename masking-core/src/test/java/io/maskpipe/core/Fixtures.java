package io.maskpipe.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import io.maskpipe.core.spi.Delivery;
import io.maskpipe.core.spi.Sink;
import io.maskpipe.core.spi.Source;
import io.maskpipe.core.spi.WriteResult;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.quicktheories.core.Gen;

/**
 * Shared fixtures: the pipeline scenarios' records and sources, and the keys, generators and plain reference
 * implementation the masker tests use; built here, never read from disk.
 */
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

    /**
     * A source that checks the at-least-once rule on every acknowledgement: the message's record must already be in
     * the sink, or its rejection in the dead letters.
     */
    static final class AuditedSource implements Source {
        final InMemorySource delegate;
        private final InMemorySink sink;
        private final InMemoryDeadLetters deadLetters;
        final List<String> earlyAcknowledgements = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger extensions = new AtomicInteger();
        final CountDownLatch extended = new CountDownLatch(1);

        AuditedSource(InMemorySource delegate, InMemorySink sink, InMemoryDeadLetters deadLetters) {
            this.delegate = delegate;
            this.sink = sink;
            this.deadLetters = deadLetters;
        }

        @Override
        public List<Delivery> receive(Duration maxWait) throws InterruptedException {
            return delegate.receive(maxWait);
        }

        @Override
        public void acknowledge(List<Delivery> deliveries) {
            List<String> stored = ids(sink.records());
            if (deadLetters != null) {
                deadLetters.letters().forEach(letter -> stored.add(letter.delivery().id()));
            }
            deliveries.stream().map(Delivery::id).filter(id -> !stored.contains(id))
                    .forEach(earlyAcknowledgements::add);
            delegate.acknowledge(deliveries);
        }

        @Override
        public void extendVisibility(List<Delivery> deliveries, Duration extension) {
            extensions.incrementAndGet();
            extended.countDown();
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

    /** A 32-byte key whose bytes count up from {@code first}: distinct keys for distinct ids. */
    static byte[] key(int first) {
        byte[] key = new byte[32];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (first + i);
        }
        return key;
    }

    /** A ring of one key {@code k1}. */
    static Keyring ring() {
        return Keyring.of("k1", key(1));
    }

    /** Unicode text of any code point outside the surrogate range, including supplementary characters. */
    static Gen<String> unicode() {
        return strings().allPossible().ofLengthBetween(0, 24).assuming(Fixtures::wellFormed);
    }

    /** IPv4 dotted quads. */
    static Gen<String> ipv4() {
        return longs().between(0, 0xffffffffL)
                .map(v -> (v >>> 24) + "." + (v >>> 16 & 0xff) + "." + (v >>> 8 & 0xff) + "." + (v & 0xff));
    }

    /** IPv6 addresses as eight full hex groups, mixed case and leading zeros included. */
    static Gen<String> ipv6() {
        return lists().of(integers().between(0, 0xffff)).ofSize(8)
                .map(groups -> groups.stream()
                        .map(g -> g % 3 == 0 ? String.format("%04X", g) : Integer.toHexString(g))
                        .collect(Collectors.joining(":")));
    }

    /** US social security number shapes, {@code NNN-NN-NNNN}. */
    static Gen<String> ssn() {
        return integers().between(0, 999_999_999)
                .map(n -> String.format("%03d-%02d-%04d", n / 1_000_000, n / 10_000 % 100, n % 10_000));
    }

    /** The plain reference of an HMAC mask: the JDK's Mac over the framed bytes, the JDK's base64url encoder. */
    static String referenceMask(byte[] subkey, String keyId, String domain, String value) {
        try {
            byte[] d = domain.getBytes(StandardCharsets.UTF_8);
            byte[] v = value.getBytes(StandardCharsets.UTF_8);
            byte[] framed = ByteBuffer.allocate(4 + d.length + v.length).putInt(d.length).put(d).put(v).array();
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(subkey, "HmacSHA256"));
            return keyId + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(framed));
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    static boolean wellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
