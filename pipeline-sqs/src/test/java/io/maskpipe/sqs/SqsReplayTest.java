package io.maskpipe.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskpipe.core.Masker;
import io.maskpipe.core.Pipeline;
import io.maskpipe.core.PipelineSummary;
import io.maskpipe.core.ReplaySummary;
import io.maskpipe.core.key.Keyring;
import io.maskpipe.core.record.Metadata;
import io.maskpipe.core.record.ReasonCode;
import io.maskpipe.core.record.Record;
import io.maskpipe.testing.InMemorySink;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageRequest;
import software.amazon.awssdk.services.sqs.model.Message;

/** Replays of sealed dead letters against ElasticMQ: resend once, delete after, safe to repeat and interrupt. */
class SqsReplayTest {
    @RegisterExtension
    static final ElasticMq SQS = new ElasticMq();

    private static final Masker MASK = (value, context) -> "k1:" + Integer.toHexString(value.hashCode());
    private static final Keyring K1 = Keyring.of("k1", KeyBytes.of(1));
    private static final Keyring ROTATED = Keyring.builder().key("k1", KeyBytes.of(1)).key("k2", KeyBytes.of(2))
            .primary("k2").build();

    /** Sends logins whose device ids the first run's sink refuses (a column too short), and runs it. */
    private static Map<String, String> deadLetterLogins(String queue, String dlq, Keyring ring, int count) {
        Map<String, String> sentTimes = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            String id = SQS.send(queue, "{\"ip\":\"203.0.113." + i + "\",\"device_id\":\"device-" + i + "\"}",
                    r -> r.messageAttributes(Map.of("trace", ElasticMq.text("t-" + System.nanoTime()))));
            sentTimes.put(id, null);
        }
        RefusingSink tooShort = new RefusingSink(record -> true);
        PipelineSummary summary = pipeline(queue).deadLetters(SqsDeadLetters.of(SQS.client(), dlq), ring)
                .to(tooShort).run();
        assertThat(summary.deadLettered()).isEqualTo(count);
        for (Message letter : SQS.drain(dlq)) {
            sentTimes.put(letter.messageAttributes().get(SqsDeadLetters.SOURCE_MESSAGE_ID).stringValue(),
                    letter.messageAttributes().get(SqsDeadLetters.SENT_TIMESTAMP).stringValue());
        }
        return sentTimes;
    }

    private static io.maskpipe.core.PipelineStage pipeline(String queue) {
        return Pipeline.from(SqsSource.of(SQS.client(), queue)).mask("ip", MASK).mask("device_id", MASK)
                .pollWait(Duration.ofMillis(200)).emptyReceivesToDrain(2);
    }

    @Test
    void replay_afterFixingTheCause_turnsEveryDeadLetterIntoExactlyOneRecordWithItsOriginalId() {
        String queue = SQS.newQueue(Duration.ofSeconds(30));
        String dlq = SQS.newQueue(Duration.ofSeconds(1));
        Map<String, String> originals = deadLetterLogins(queue, dlq, K1, 12);

        ReplaySummary replayed = SqsReplay.from(SQS.client(), dlq).to(queue).opening(K1).run();
        InMemorySink fixed = InMemorySink.create();
        PipelineSummary summary = pipeline(queue).to(fixed).run();

        assertThat(replayed).isEqualTo(new ReplaySummary(12, 12, 0, 0, 0));
        assertThat(SQS.depth(dlq)).isZero();
        assertThat(summary.written()).isEqualTo(12);
        Map<String, String> written = new LinkedHashMap<>();
        for (Record record : fixed.records()) {
            Metadata meta = record.metadata();
            written.put(meta.messageId().orElseThrow(), meta.get(Metadata.SENT_TIMESTAMP).orElseThrow());
            assertThat(meta.get("attr.trace")).isPresent();
            assertThat(meta.asMap()).doesNotContainKey("attr." + SqsReplay.ORIGINAL_MESSAGE_ID);
            assertThat(record.textOrNull("device_id")).startsWith("k1:");
        }
        assertThat(written).isEqualTo(originals);
        assertThat(SqsReplay.from(SQS.client(), dlq).to(queue).opening(K1).run().read()).isZero();
    }

    @Test
    void replay_interruptedBetweenResendAndDelete_nextRunResendsAndTheSinkWritesEachOnce() {
        String queue = SQS.newQueue(Duration.ofSeconds(30));
        String dlq = SQS.newQueue(Duration.ofSeconds(1));
        deadLetterLogins(queue, dlq, K1, 5);
        SqsClient failingDeletes = SQS.newClient(new FailDeletes());

        ReplaySummary first = SqsReplay.from(failingDeletes, dlq).to(queue).opening(K1).run();
        ReplaySummary second = SqsReplay.from(SQS.client(), dlq).to(queue).opening(K1).run();
        failingDeletes.close();
        InMemorySink sink = InMemorySink.create();
        PipelineSummary summary = pipeline(queue).to(sink).run();

        assertThat(first).isEqualTo(new ReplaySummary(5, 5, 0, 0, 5));
        assertThat(second).isEqualTo(new ReplaySummary(5, 5, 0, 0, 0));
        assertThat(summary.received()).isEqualTo(10);
        assertThat(summary.written()).isEqualTo(5);
        assertThat(summary.duplicates()).isEqualTo(5);
        assertThat(sink.records()).hasSize(5);
        assertThat(SQS.depth(dlq)).isZero();
    }

    @Test
    void replay_lettersSealedBeforeARotation_openWhileTheRetiredKeyIsInTheRingAndStayWhenItIsNot() {
        String queue = SQS.newQueue(Duration.ofSeconds(30));
        String dlq = SQS.newQueue(Duration.ofSeconds(1));
        deadLetterLogins(queue, dlq, K1, 3);

        ReplaySummary withoutK1 = SqsReplay.from(SQS.client(), dlq).to(queue).opening(Keyring.of("k2",
                KeyBytes.of(2))).run();
        assertThat(withoutK1).isEqualTo(new ReplaySummary(3, 0, 0, 3, 0));
        assertThat(SQS.depth(dlq)).isEqualTo(3);
        assertThat(SQS.depth(queue)).isZero();

        ReplaySummary rotated = SqsReplay.from(SQS.client(), dlq).to(queue).opening(ROTATED).run();
        assertThat(rotated).isEqualTo(new ReplaySummary(3, 3, 0, 0, 0));
        assertThat(pipeline(queue).to(InMemorySink.create()).run().written()).isEqualTo(3);
    }

    @Test
    void replay_onlyReasons_resendsThoseAndLeavesTheOthersVisible() {
        String queue = SQS.newQueue(Duration.ofSeconds(30));
        String dlq = SQS.newQueue(Duration.ofSeconds(30));
        SQS.send(queue, "{\"ip\":\"203.0.113.50\"");  // malformed
        SQS.send(queue, "{\"ip\":\"203.0.113.51\"}"); // refused by the sink
        pipeline(queue).deadLetters(SqsDeadLetters.of(SQS.client(), dlq), K1).to(new RefusingSink(r -> true)).run();

        ReplaySummary replayed = SqsReplay.from(SQS.client(), dlq).to(queue).opening(K1)
                .onlyReasons(ReasonCode.SINK_REJECTED).visibilityTimeout(Duration.ofSeconds(30)).run();

        assertThat(replayed).isEqualTo(new ReplaySummary(2, 1, 1, 0, 0));
        List<Message> left = SQS.drain(dlq); // visible again at once, though the timeout is 30 s
        assertThat(left).singleElement().satisfies(m -> assertThat(
                m.messageAttributes().get(SqsDeadLetters.REASON).stringValue()).isEqualTo("MALFORMED_JSON"));
    }

    @Test
    void replay_withoutTargetOrRing_orGivenTwice_isAnError() {
        SqsReplay replay = SqsReplay.from(SQS.client(), "http://localhost/1/dlq");

        assertThatThrownBy(replay::run).hasMessage("replay: needs to(queueUrl)");
        assertThatThrownBy(() -> replay.to("http://localhost/1/q").run()).hasMessage("replay: needs opening(keyring)");
        assertThatThrownBy(() -> replay.opening(K1).opening(K1)).hasMessage("replay: opening is already set");
        assertThat(replay.to("http://localhost/1/q").toString()).isEqualTo("SqsReplay[dlq -> q, reasons=all]");
    }

    /** Makes every DeleteMessage fail, as a replay interrupted after its resend. */
    static final class FailDeletes implements ExecutionInterceptor {
        @Override
        public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
            if (context.request() instanceof DeleteMessageRequest request) {
                return request.toBuilder().receiptHandle("bogus").build();
            }
            return context.request();
        }
    }

    /** Distinct 32-byte test keys. */
    static final class KeyBytes {
        static byte[] of(int first) {
            byte[] key = new byte[32];
            for (int i = 0; i < key.length; i++) {
                key[i] = (byte) (first + i);
            }
            return key;
        }
    }
}
