package io.maskpipe.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.maskpipe.testing.InMemorySink;
import io.maskpipe.core.Masker;
import io.maskpipe.core.Pipeline;
import io.maskpipe.core.PipelineStage;
import io.maskpipe.core.PipelineSummary;
import io.maskpipe.core.record.ReasonCode;
import io.maskpipe.core.record.Record;
import io.maskpipe.core.RunningPipeline;
import io.maskpipe.core.key.Keyring;
import io.maskpipe.core.spi.Sink;
import io.maskpipe.core.spi.SinkException;
import io.maskpipe.core.spi.WriteResult;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.model.Message;

/** Pipeline scenarios over the real SQS protocol: given a queue, when the pipeline runs, then nothing is lost. */
class SqsPipelineTest {
    private static final Keyring RING = Keyring.of("k1", new byte[32]);

    @RegisterExtension
    static final ElasticMq SQS = new ElasticMq();

    private static final Duration VISIBILITY = Duration.ofSeconds(2);
    private static final Masker MASK = (value, context) -> "m:" + Integer.toHexString((context.domain() + value)
            .hashCode());

    @Test
    void run_nMessages_writesNRowsAndEmptiesQueue() {
        String queue = SQS.newQueue(VISIBILITY);
        Set<String> ids = sendLogins(queue, 120);
        InMemorySink sink = InMemorySink.create();

        PipelineSummary summary = logins(queue).to(sink).run();

        assertThat(summary.written()).isEqualTo(120);
        assertThat(idsOf(sink)).isEqualTo(ids);
        assertThat(sink.records()).allSatisfy(r -> assertThat(r.textOrNull("ip")).startsWith("m:"));
        assertThat(SQS.depth(queue)).isZero();
    }

    @Test
    void run_sampleLoginMessages_writes99AndDeadLettersTheMalformedOne() throws IOException {
        Path file = sampleFile();
        Assumptions.assumeTrue(file != null, "../shared/data/fetch-login-messages.json is absent");
        String queue = SQS.newQueue(VISIBILITY);
        String dlq = SQS.newQueue(VISIBILITY);
        for (String body : elementsOf(file)) {
            SQS.send(queue, body);
        }
        InMemorySink sink = InMemorySink.create();

        PipelineSummary summary = logins(queue).deadLetters(SqsDeadLetters.of(SQS.client(), dlq), RING).to(sink)
                .run();

        assertThat(summary.written()).isEqualTo(99);
        assertThat(summary.rejected()).isEqualTo(1);
        assertThat(sink.records()).hasSize(99);
        List<Message> dead = SQS.drain(dlq);
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).messageAttributes().get(SqsDeadLetters.REASON).stringValue())
                .isEqualTo(ReasonCode.MISSING_FIELD.name());
        assertThat(SQS.depth(queue)).isZero();
    }

    @Test
    void run_sinkFailsTransientlyMidRun_deletesNothingEarlyAndWritesEachOnce() {
        String queue = SQS.newQueue(VISIBILITY);
        Set<String> ids = sendLogins(queue, 60);
        InMemorySink stored = InMemorySink.create();
        List<Integer> unaccounted = new CopyOnWriteArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        Sink flaky = records -> {
            int call = calls.incrementAndGet();
            if (call >= 2 && call <= 4) {
                // Every message not yet in the sink must still be on the queue (visible or in flight).
                unaccounted.add(ids.size() - stored.records().size() - SQS.depth(queue));
                throw new SinkException("database unavailable (simulated)", true, null);
            }
            return stored.write(records);
        };

        PipelineSummary summary = logins(queue).batching(10, Duration.ofMillis(20))
                .retry(Duration.ofMillis(10), Duration.ofMillis(50)).to(flaky).run();

        assertThat(unaccounted).hasSize(3).allSatisfy(missing -> assertThat(missing).isLessThanOrEqualTo(0));
        assertThat(summary.retries()).isGreaterThanOrEqualTo(3);
        assertThat(summary.written()).isEqualTo(60);
        assertThat(summary.duplicates()).isZero();
        assertThat(idsOf(stored)).isEqualTo(ids);
        assertThat(SQS.depth(queue)).isZero();
    }

    @Test
    void restart_afterAbruptStopMidBatch_everyMessageEndsUpWritten() throws Exception {
        String queue = SQS.newQueue(VISIBILITY);
        Set<String> ids = sendLogins(queue, 80);
        InMemorySink stored = InMemorySink.create();
        CountDownLatch stuck = new CountDownLatch(1);
        CountDownLatch crash = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        // Given a process that stores its second batch and dies before deleting it from SQS ...
        Sink dying = records -> {
            List<WriteResult> results = stored.write(records);
            if (calls.incrementAndGet() == 2) {
                stuck.countDown();
                awaitUninterruptibly(crash);
                throw new SinkException("process died (simulated)", true, null);
            }
            return results;
        };
        RunningPipeline first = logins(queue).batching(10, Duration.ofMillis(20)).to(dying).start();
        stuck.await();

        // ... when it is stopped abruptly and a new pipeline runs on the same queue ...
        PipelineSummary stopped = first.stop(Duration.ofMillis(100));
        crash.countDown();
        PipelineSummary second = logins(queue).to(stored).run();

        // ... then every message is written once, the redelivered ones reported as duplicates.
        assertThat(idsOf(stored)).isEqualTo(ids);
        assertThat(second.duplicates()).isGreaterThanOrEqualTo(1);
        assertThat(stopped.written() + second.written() + second.duplicates()).isEqualTo(ids.size());
        assertThat(SQS.depth(queue)).isZero();
    }

    @Test
    void run_poisonMessagesOfEveryKind_goToDeadLetterQueueAndTheRestFlow() {
        String queue = SQS.newQueue(VISIBILITY);
        String dlq = SQS.newQueue(VISIBILITY);
        Set<String> good = sendLogins(queue, 30);
        Map<String, ReasonCode> poison = Map.of(
                SQS.send(queue, "{\"ip\":\"10.0.0.1\""), ReasonCode.MALFORMED_JSON,
                SQS.send(queue, "[1,2]"), ReasonCode.NOT_AN_OBJECT,
                SQS.send(queue, "\"text\""), ReasonCode.NOT_AN_OBJECT,
                SQS.send(queue, login(0).replace("}", ",\"pad\":\"" + "x".repeat(600) + "\"}")),
                ReasonCode.BODY_TOO_LARGE,
                SQS.send(queue, "{\"ip\":\"\\ud800\",\"device_id\":\"d\"}"), ReasonCode.INVALID_ENCODING,
                SQS.send(queue, "{\"ip\":\"a\",\"ip\":\"b\",\"device_id\":\"d\"}"), ReasonCode.MALFORMED_JSON,
                SQS.send(queue, "{\"device_id\":\"d\"}"), ReasonCode.MISSING_FIELD);
        InMemorySink sink = InMemorySink.create();
        SqsSource source = SqsSource.builder().client(SQS.client()).queueUrl(queue).maxBodySize(512).build();

        PipelineSummary summary = Pipeline.from(source).require("ip", "device_id").mask("ip", MASK)
                .mask("device_id", MASK).pollWait(Duration.ofSeconds(1)).emptyReceivesToDrain(1)
                .deadLetters(SqsDeadLetters.of(SQS.client(), dlq), RING).to(sink).run();

        assertThat(idsOf(sink)).isEqualTo(good);
        assertThat(summary.deadLettered()).isEqualTo(poison.size());
        Map<String, ReasonCode> dead = SQS.drain(dlq).stream().collect(Collectors.toMap(
                m -> m.messageAttributes().get(SqsDeadLetters.SOURCE_MESSAGE_ID).stringValue(),
                m -> ReasonCode.valueOf(m.messageAttributes().get(SqsDeadLetters.REASON).stringValue())));
        assertThat(dead).isEqualTo(poison);
        assertThat(SQS.depth(queue)).isZero();
    }

    @Test
    void stop_graceful_drainsInFlightWorkWithinTimeout() throws Exception {
        String queue = SQS.newQueue(Duration.ofSeconds(30));
        sendLogins(queue, 200);
        InMemorySink stored = InMemorySink.create();
        CountDownLatch started = new CountDownLatch(1);
        Sink sink = records -> {
            started.countDown();
            return stored.write(records);
        };
        RunningPipeline running = logins(queue).batching(10, Duration.ofMillis(20)).to(sink).start();
        started.await();

        PipelineSummary summary = running.stop(Duration.ofSeconds(30));

        assertThat(summary.released()).isZero();
        assertThat(summary.received()).isEqualTo(summary.written() + summary.duplicates() + summary.rejected());
        assertThat(stored.records()).hasSize((int) summary.written());
        assertThat(SQS.depth(queue)).isEqualTo(200 - (int) summary.written());
    }

    @Test
    void run_fifoQueue_keepsOrderWithinEachGroup() {
        String queue = SQS.newFifoQueue(Duration.ofSeconds(5));
        for (int seq = 0; seq < 15; seq++) {
            for (String user : List.of("u1", "u2", "u3")) {
                int s = seq;
                SQS.send(queue, "{\"user\":\"" + user + "\",\"seq\":" + seq + ",\"ip\":\"10.0.0." + seq + "\"}",
                        r -> r.messageGroupId(user).messageDeduplicationId(user + "-" + s));
            }
        }
        InMemorySink stored = InMemorySink.create();
        stored.failTransiently(2); // earlier messages wait unresolved while later ones of their group queue up

        PipelineSummary summary = Pipeline.from(SqsSource.of(SQS.client(), queue)).mask("ip", MASK)
                .batching(4, Duration.ofMillis(10)).writers(3).pollers(3)
                .retry(Duration.ofMillis(10), Duration.ofMillis(50)).pollWait(Duration.ofSeconds(1))
                .emptyReceivesToDrain(1).to(stored).run();

        assertThat(summary.written()).isEqualTo(45);
        Map<String, List<Integer>> order = stored.records().stream().collect(Collectors.groupingBy(
                r -> r.textOrNull("user"), Collectors.mapping(r -> seqOf(r), Collectors.toList())));
        assertThat(order).hasSize(3).allSatisfy((user, seqs) -> assertThat(seqs).isSortedAccordingTo(
                Comparator.naturalOrder()).hasSize(15));
    }

    private static PipelineStage logins(String queue) {
        return Pipeline.from(SqsSource.of(SQS.client(), queue)).require("ip", "device_id")
                .mask("ip", MASK).mask("device_id", MASK).pollWait(Duration.ofSeconds(1)).emptyReceivesToDrain(1);
    }

    private static Set<String> sendLogins(String queue, int count) {
        Set<String> ids = new java.util.HashSet<>();
        for (int i = 0; i < count; i++) {
            ids.add(SQS.send(queue, login(i)));
        }
        return ids;
    }

    private static String login(int i) {
        return "{\"user_id\":\"user-" + i + "\",\"app_version\":\"2.3.0\",\"device_type\":\"android\","
                + "\"ip\":\"10.1." + (i / 250) + "." + (i % 250) + "\",\"locale\":null,\"device_id\":\"593-47-"
                + String.format("%04d", i) + "\"}";
    }

    private static Set<String> idsOf(InMemorySink sink) {
        List<String> ids = sink.records().stream().map(r -> r.metadata().messageId().orElseThrow()).toList();
        assertThat(ids).doesNotHaveDuplicates();
        return Set.copyOf(ids);
    }

    private static int seqOf(Record record) {
        return Integer.parseInt(((io.maskpipe.core.record.Value.Number) record.getOrNull(
                io.maskpipe.core.record.FieldPath.of("seq"))).toPlainText());
    }

    private static void awaitUninterruptibly(CountDownLatch latch) {
        boolean interrupted = false;
        while (true) {
            try {
                latch.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Finds the shared sample file from the module's or the repository's directory. */
    private static Path sampleFile() {
        for (String candidate : List.of("../shared/data/fetch-login-messages.json",
                "../../shared/data/fetch-login-messages.json")) {
            Path path = Path.of(candidate);
            if (Files.isRegularFile(path)) {
                return path;
            }
        }
        return null;
    }

    /** Returns each element of a top-level JSON array as its own JSON text. */
    private static List<String> elementsOf(Path file) throws IOException {
        JsonFactory factory = new JsonFactory();
        List<String> elements = new ArrayList<>();
        try (JsonParser parser = factory.createParser(file.toFile())) {
            assertThat(parser.nextToken()).isEqualTo(JsonToken.START_ARRAY);
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                StringWriter out = new StringWriter();
                try (JsonGenerator generator = factory.createGenerator(out)) {
                    generator.copyCurrentStructure(parser);
                }
                elements.add(out.toString());
            }
        }
        return elements;
    }
}
