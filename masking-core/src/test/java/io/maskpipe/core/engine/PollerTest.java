package io.maskpipe.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskpipe.core.record.Metadata;
import io.maskpipe.core.record.Outcome;
import io.maskpipe.core.record.ReasonCode;
import io.maskpipe.core.record.Record;
import io.maskpipe.core.spi.DeadLetter;
import io.maskpipe.core.spi.DeadLetters;
import io.maskpipe.core.spi.Delivery;
import io.maskpipe.core.spi.Receipt;
import io.maskpipe.core.spi.Sink;
import io.maskpipe.core.spi.Source;
import io.maskpipe.core.spi.WriteResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The engine's own guard around the steps, which only a built-in step's bug can reach. */
class PollerTest {

    @Test
    void run_builtInStepThrows_messageRejectedAndRunGoesOn() {
        // issue 3: a throw from the steps ended the whole run; one message must never stop the pipeline
        Function<Record, Outcome> buggy = record -> {
            if ("u2".equals(record.textOrNull("user_id"))) {
                throw new IllegalStateException("bug");
            }
            return Outcome.accept(record);
        };
        OnceSource source = new OnceSource(6);
        List<Record> stored = Collections.synchronizedList(new ArrayList<>());
        Sink sink = records -> {
            stored.addAll(records);
            return records.stream().map(r -> WriteResult.written()).toList();
        };
        List<DeadLetter> letters = Collections.synchronizedList(new ArrayList<>());
        DeadLetters deadLetters = letters::addAll;
        PipelineSettings settings = new PipelineSettings(source, buggy, sink, 100, Duration.ofMillis(5), 1, 1, 1000,
                new Backoff(Duration.ofMillis(1), Duration.ofMillis(5), 0), Duration.ofMillis(5), 3, deadLetters,
                new RunEvents() { }, false);

        PipelineEngine engine = new PipelineEngine(settings, true);
        engine.start();
        awaitEnd(engine);

        assertThat(engine.failureOrNull()).isNull();
        assertThat(stored).hasSize(5);
        assertThat(engine.summary().rejectedByReason()).isEqualTo(Map.of(ReasonCode.TRANSFORM_FAILED, 1L));
        assertThat(letters).singleElement().extracting(letter -> letter.rejection().toString())
                .isEqualTo("TRANSFORM_FAILED: a step threw java.lang.IllegalStateException");
        assertThat(source.acknowledged).hasSize(6);
    }

    private static void awaitEnd(PipelineEngine engine) {
        try {
            engine.awaitTermination();
            engine.awaitThreads();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Hands out n messages once, then nothing. */
    private static final class OnceSource implements Source {
        private final List<Delivery> pending = new ArrayList<>();
        final List<Delivery> acknowledged = Collections.synchronizedList(new ArrayList<>());

        OnceSource(int n) {
            for (int i = 0; i < n; i++) {
                Record record = Record.builder().put("user_id", "u" + i)
                        .metadata(Metadata.empty().with(Metadata.MESSAGE_ID, "id-" + i)).build();
                pending.add(Delivery.of(record, new Ticket(i)));
            }
        }

        @Override
        public synchronized List<Delivery> receive(Duration maxWait) {
            List<Delivery> out = List.copyOf(pending);
            pending.clear();
            return out;
        }

        @Override
        public void acknowledge(List<Delivery> deliveries) {
            acknowledged.addAll(deliveries);
        }
    }

    private record Ticket(int n) implements Receipt {
    }
}
