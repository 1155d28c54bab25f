package io.maskpipe.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.maskpipe.core.Pipeline;
import io.maskpipe.core.PipelineException;
import io.maskpipe.core.key.Keyring;
import io.maskpipe.core.record.ReasonCode;
import io.maskpipe.core.spi.ConnectorException;
import io.maskpipe.core.spi.Sink;
import io.maskpipe.core.spi.SinkException;
import io.maskpipe.core.spi.Source;
import io.maskpipe.testing.InMemoryDeadLetters;
import io.maskpipe.testing.InMemorySink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The handler's contract with the event source mapping, over the in-memory sink and dead letters. */
class SqsBatchHandlerTest {
    private final InMemorySink sink = InMemorySink.create();
    private final InMemoryDeadLetters deadLetters = InMemoryDeadLetters.create();

    @Test
    void handleRequest_goodBatch_writesEveryRecordAndReportsNoFailure() {
        TestHandler handler = new TestHandler(true);

        SQSBatchResponse response = handler.handleRequest(event(good("m1", null), good("m2", null)), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(sink.records()).extracting(r -> r.textOrNull("ip")).containsExactly("masked", "masked");
    }

    @Test
    void handleRequest_malformedWithDeadLetters_storesThemAndReportsThemDone() {
        TestHandler handler = new TestHandler(true);

        SQSBatchResponse response = handler.handleRequest(event(good("m1", null), message("m2", "{\"ip\":", null)),
                null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(sink.records()).hasSize(1);
        assertThat(deadLetters.letters()).singleElement()
                .satisfies(letter -> assertThat(letter.rejection().reason()).isEqualTo(ReasonCode.MALFORMED_JSON));
    }

    @Test
    void handleRequest_malformedWithoutDeadLetters_reportsExactlyThoseForRedrive() {
        TestHandler handler = new TestHandler(false);

        SQSBatchResponse response = handler.handleRequest(event(good("m1", null), message("m2", "[]", null),
                good("m3", null)), null);

        assertThat(ids(response)).containsExactly("m2");
        assertThat(sink.records()).hasSize(2);
    }

    @Test
    void handleRequest_fifoGroupWithAFailure_reportsItAndEveryLaterMessageOfThatGroupOnly() {
        TestHandler handler = new TestHandler(false);

        SQSBatchResponse response = handler.handleRequest(event(good("a1", "A"), message("a2", "{", "A"),
                good("b1", "B"), good("a3", "A"), good("b2", "B")), null);

        assertThat(ids(response)).containsExactly("a2", "a3");
        assertThat(sink.records()).extracting(r -> r.metadata().messageId().orElseThrow())
                .contains("a1", "b1", "b2");
    }

    @Test
    void handleRequest_sinkFailingTransientlyThroughout_throwsSoTheWholeBatchComesBack() {
        TestHandler handler = new TestHandler(true);
        sink.failTransiently(Integer.MAX_VALUE);

        assertThatThrownBy(() -> handler.handleRequest(event(good("m1", null), good("m2", null)),
                new TestContext(2_500))).isInstanceOf(PipelineException.class);
        assertThat(deadLetters.letters()).isEmpty();
    }

    @Test
    void handleRequest_sinkSetupFailure_throwsNamingItAndDeadLettersNothing() {
        Sink missingTable = records -> {
            throw new SinkException("insert into \"user_logins\": SQLSTATE 42P01 undefined_table: create the table",
                    ConnectorException.Kind.SETUP, null);
        };
        SqsBatchHandler handler = new SqsBatchHandler() {
            @Override
            protected Pipeline pipeline(Source messages) {
                return Pipeline.from(messages).deadLetters(deadLetters, Keyring.of("k1", new byte[32]))
                        .to(missingTable);
            }
        };

        assertThatThrownBy(() -> handler.handleRequest(event(good("m1", null), message("m2", "{", null)),
                new TestContext(60_000)))
                .isInstanceOf(PipelineException.class).hasMessageContaining("SQLSTATE 42P01");
        assertThat(deadLetters.letters()).as("a setup failure dead-letters nothing, not even the malformed one")
                .isEmpty();
    }

    @Test
    void handleRequest_transientFailureThatPasses_isRetriedWithinTheInvocation() {
        TestHandler handler = new TestHandler(true);
        sink.failTransiently(2);

        SQSBatchResponse response = handler.handleRequest(event(good("m1", null)), new TestContext(60_000));

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(sink.records()).hasSize(1);
    }

    @Test
    void handleRequest_redeliveredBatch_writesNoSecondRecord() {
        TestHandler handler = new TestHandler(true);
        SQSEvent event = event(good("m1", null), good("m2", null));

        handler.handleRequest(event, null);
        SQSBatchResponse again = handler.handleRequest(event, null);

        assertThat(again.getBatchItemFailures()).isEmpty();
        assertThat(sink.records()).hasSize(2);
    }

    @Test
    void handleRequest_manyInvocations_describeThePipelineOnce() {
        TestHandler handler = new TestHandler(true);

        for (int i = 0; i < 5; i++) {
            handler.handleRequest(event(good("m" + i, null)), null);
        }

        assertThat(handler.built.get()).isEqualTo(1);
        assertThat(sink.records()).hasSize(5);
    }

    @Test
    void timeLimit_keepsAFifthOrTwoSecondsBack() {
        assertThat(SqsBatchHandler.timeLimit(new TestContext(60_000))).isEqualTo(Duration.ofSeconds(48));
        assertThat(SqsBatchHandler.timeLimit(new TestContext(5_000))).isEqualTo(Duration.ofSeconds(3));
        assertThat(SqsBatchHandler.timeLimit(new TestContext(1_000))).isEqualTo(Duration.ZERO);
    }

    private final class TestHandler extends SqsBatchHandler {
        final AtomicInteger built = new AtomicInteger();
        private final boolean withDeadLetters;

        TestHandler(boolean withDeadLetters) {
            this.withDeadLetters = withDeadLetters;
        }

        @Override
        protected Pipeline pipeline(Source messages) {
            built.incrementAndGet();
            var stage = Pipeline.from(messages).require("ip").mask("ip", (value, context) -> "masked")
                    .retry(Duration.ofMillis(5), Duration.ofMillis(50));
            return (withDeadLetters ? stage.deadLetters(deadLetters, Keyring.of("k1", new byte[32])) : stage).to(sink);
        }
    }

    static SQSEvent.SQSMessage good(String id, String group) {
        return message(id, "{\"ip\":\"10.0.0.1\",\"user_id\":\"u-" + id + "\"}", group);
    }

    static SQSEvent.SQSMessage message(String id, String body, String group) {
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId(id);
        message.setReceiptHandle("handle-" + id);
        message.setBody(body);
        message.setEventSource("aws:sqs");
        message.setEventSourceArn("arn:aws:sqs:eu-west-1:000000000000:logins" + (group == null ? "" : ".fifo"));
        Map<String, String> attributes = new java.util.HashMap<>(Map.of("ApproximateReceiveCount", "1",
                "SentTimestamp", "1764460800000"));
        if (group != null) {
            attributes.put("MessageGroupId", group);
        }
        message.setAttributes(attributes);
        return message;
    }

    static SQSEvent event(SQSEvent.SQSMessage... messages) {
        SQSEvent event = new SQSEvent();
        event.setRecords(new ArrayList<>(List.of(messages)));
        return event;
    }

    private static List<String> ids(SQSBatchResponse response) {
        return response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .toList();
    }
}
