package io.maskpipe.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskpipe.core.record.Metadata;
import io.maskpipe.core.record.Outcome;
import io.maskpipe.core.record.Record;
import io.maskpipe.core.spi.Delivery;
import io.maskpipe.core.spi.Receipt;
import io.maskpipe.core.spi.Source;
import io.maskpipe.core.spi.WriteResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/**
 * The waiting and unresolved entries, kept per batch: what the heartbeat extends and an abandoned run releases must
 * be every entry not yet done, and batches must leave the waiting queue in order, skipping busy groups.
 */
class InFlightTest {
    /** Numbers the messages of a test, so that messages of several adds have distinct ids. */
    private static final AtomicInteger COUNTER = new AtomicInteger();

    @Test
    void live_waitingAndBeingWritten_untilTheirBatchIsDone() throws InterruptedException {
        InFlight inFlight = inFlight(3);
        List<Entry> entries = add(inFlight, null, null, null, null, null);

        List<Entry> batch = inFlight.nextBatch();

        assertThat(batch).containsExactlyElementsOf(entries.subList(0, 3));
        assertThat(inFlight.live()).containsExactlyInAnyOrderElementsOf(entries);
        inFlight.batchDone(batch);
        assertThat(inFlight.live()).containsExactlyElementsOf(entries.subList(3, 5));
        assertThat(inFlight.count()).isEqualTo(2);
    }

    @Test
    void live_afterAbandon_holdsWhatWaitedThenAndWhatIsStillBeingWritten() throws InterruptedException {
        InFlight inFlight = inFlight(3);
        List<Entry> entries = add(inFlight, null, null, null, null, null);
        List<Entry> batch = inFlight.nextBatch();

        assertThat(inFlight.abandon()).isTrue();

        assertThat(inFlight.live()).containsExactlyInAnyOrderElementsOf(entries);
        inFlight.batchDone(batch);
        assertThat(inFlight.live()).containsExactlyElementsOf(entries.subList(3, 5));
        assertThat(inFlight.nextBatch()).isEmpty();
    }

    @Test
    void nextBatch_busyGroup_skippedAndTheRestTakenInReceiveOrder() throws InterruptedException {
        InFlight inFlight = inFlight(1);
        List<Entry> entries = add(inFlight, "g1", "g1", null, "g2");

        List<Entry> first = inFlight.nextBatch();
        List<Entry> second = inFlight.nextBatch();
        inFlight.batchDone(first);
        List<Entry> third = inFlight.nextBatch();
        inFlight.batchDone(second);
        List<Entry> fourth = inFlight.nextBatch();

        assertThat(first).containsExactly(entries.get(0));
        assertThat(second).containsExactly(entries.get(2));
        assertThat(third).containsExactly(entries.get(1));
        assertThat(fourth).containsExactly(entries.get(3));
        assertThat(inFlight.live()).containsExactlyInAnyOrder(entries.get(1), entries.get(3));
    }

    @Test
    void nextBatch_waitingOutALongLinger_takesTheBatchOnceAnAddFillsIt() throws Exception {
        InFlight inFlight = inFlight(3, Duration.ofHours(1));
        List<Entry> entries = new ArrayList<>(add(inFlight, (String) null));
        List<List<Entry>> taken = new ArrayList<>();
        Thread dispatcher = dispatcher(inFlight, taken);

        entries.addAll(add(inFlight, (String) null));
        entries.addAll(add(inFlight, null, null));
        dispatcher.join(); // with the hour's linger, only the add that filled the batch can have woken it

        assertThat(taken).hasSize(1);
        assertThat(taken.get(0)).containsExactlyElementsOf(entries.subList(0, 3));
        assertThat(inFlight.live()).containsExactlyInAnyOrderElementsOf(entries);
    }

    @Test
    void nextBatch_waitingOutALongLinger_takesWhatWaitsOnceTheRunFinishes() throws Exception {
        InFlight inFlight = inFlight(3, Duration.ofHours(1));
        List<Entry> entries = add(inFlight, null, null);
        List<List<Entry>> taken = new ArrayList<>();
        Thread dispatcher = dispatcher(inFlight, taken);

        inFlight.finish();
        dispatcher.join();

        assertThat(taken).containsExactly(entries);
    }

    private static InFlight inFlight(int batchRows) {
        return inFlight(batchRows, Duration.ZERO);
    }

    private static InFlight inFlight(int batchRows, Duration linger) {
        Source idle = new Source() {
            @Override
            public List<Delivery> receive(Duration maxWait) {
                return List.of();
            }

            @Override
            public void acknowledge(List<Delivery> deliveries) {
            }
        };
        PipelineSettings settings = new PipelineSettings(idle, record -> Outcome.accept(record),
                records -> records.stream().map(r -> WriteResult.written()).toList(), batchRows, linger, 1, 2,
                100, new Backoff(Duration.ofMillis(1), Duration.ofMillis(5), 0), Duration.ofMillis(5), 3, null,
                new RunEvents() { }, false);
        return new InFlight(settings, 0, new LongAdder(), new Hidden());
    }

    /** Receives one message per group given (null: no group) and hands them to the run, as a poller does. */
    private static List<Entry> add(InFlight inFlight, String... groups) {
        return add(inFlight, COUNTER.getAndAdd(groups.length), groups);
    }

    private static List<Entry> add(InFlight inFlight, int first, String... groups) {
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < groups.length; i++) {
            int n = first + i;
            Record record = Record.builder().put("n", n)
                    .metadata(Metadata.empty().with(Metadata.MESSAGE_ID, "id-" + n)).build();
            Delivery delivery = Delivery.builder("id-" + n, new Ticket(n)).record(record).group(groups[i]).build();
            entries.add(new Entry(delivery, delivery.content(), System.nanoTime()));
        }
        inFlight.reserve(entries.size());
        assertThat(inFlight.add(entries)).isTrue();
        return entries;
    }

    private record Ticket(int n) implements Receipt {
    }

    // A dispatcher thread, started, that takes one batch into `taken` (read it after join()).
    private static Thread dispatcher(InFlight inFlight, List<List<Entry>> taken) {
        Thread dispatcher = new Thread(() -> {
            try {
                taken.add(inFlight.nextBatch());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        dispatcher.start();
        return dispatcher;
    }
}
