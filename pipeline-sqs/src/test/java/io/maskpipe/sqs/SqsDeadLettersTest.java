package io.maskpipe.sqs;

import static io.maskpipe.sqs.SqsSourceTest.receiveAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskpipe.core.record.FieldPath;
import io.maskpipe.core.record.Outcome;
import io.maskpipe.core.record.ReasonCode;
import io.maskpipe.core.record.Record;
import io.maskpipe.core.record.Rejection;
import io.maskpipe.core.spi.ConnectorException;
import io.maskpipe.core.spi.DeadLetter;
import io.maskpipe.core.spi.Delivery;
import io.maskpipe.core.spi.SinkException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

class SqsDeadLettersTest {
    @RegisterExtension
    static final ElasticMq SQS = new ElasticMq();

    private static final String SECRET = "203.0.113.9";
    private static final Duration LONG = Duration.ofSeconds(30);

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "malformed JSON   | {\"ip\":\"" + SECRET + "\"                 | MALFORMED_JSON",
        "array            | [\"" + SECRET + "\"]                       | NOT_AN_OBJECT",
        "scalar           | \"" + SECRET + "\"                         | NOT_AN_OBJECT",
        "too large        | {\"ip\":\"" + SECRET + "\",\"pad\":\"0123456789012345678901234567890123456789\"} "
                + "| BODY_TOO_LARGE",
        "escaped surrogate| {\"ip\":\"\\udfff" + SECRET + "\"}         | INVALID_ENCODING",
        "duplicate key    | {\"ip\":\"" + SECRET + "\",\"ip\":\"x\"}   | MALFORMED_JSON",
        "too deep         | {\"a\":{\"b\":{\"c\":{\"ip\":\"" + SECRET + "\"}}}} | MALFORMED_JSON",
    })
    void poisonMessage_sentToDeadLetterQueue_carriesBodyAndReason(String kind, String body, ReasonCode reason)
            throws Exception {
        String queue = SQS.newQueue(LONG);
        String dlq = SQS.newQueue(LONG);
        String id = SQS.send(queue, body);
        SqsSource source = SqsSource.builder().client(SQS.client()).queueUrl(queue).maxBodySize(60)
                .maxNestingDepth(3).build();

        Delivery delivery = receiveAll(source, 1).get(0);
        Rejection rejection = ((Outcome.Rejected) delivery.content()).rejection();
        SqsDeadLetters.of(SQS.client(), dlq).store(List.of(new DeadLetter(delivery, rejection)));
        source.acknowledge(List.of(delivery));

        assertThat(rejection.reason()).as(kind).isEqualTo(reason);
        assertThat(rejection.toString()).as(kind).doesNotContain(SECRET);
        assertThat(delivery.toString()).as(kind).doesNotContain(SECRET);
        Message dead = single(dlq);
        assertThat(dead.body()).as(kind).isEqualTo(body);
        Map<String, String> attributes = strings(dead.messageAttributes());
        assertThat(attributes).as(kind).containsEntry(SqsDeadLetters.REASON, reason.name())
                .containsEntry(SqsDeadLetters.RULE, rejection.rule())
                .containsEntry(SqsDeadLetters.SOURCE_MESSAGE_ID, id)
                .containsEntry(SqsDeadLetters.SOURCE_QUEUE, SqsSource.queueNameOf(queue));
        assertThat(SQS.depth(queue)).isZero();
    }

    @Test
    void store_rejectionOfAField_namesTheField() throws Exception {
        String queue = SQS.newQueue(LONG);
        String dlq = SQS.newQueue(LONG);
        SQS.send(queue, "{\"device_id\":\"x\"}");
        Delivery delivery = receiveAll(SqsSource.of(SQS.client(), queue), 1).get(0);

        SqsDeadLetters.of(SQS.client(), dlq).store(List.of(new DeadLetter(delivery,
                Rejection.of(ReasonCode.VALUE_TOO_LONG, FieldPath.of("device_id"), "longer than 256 characters"))));

        assertThat(strings(single(dlq).messageAttributes())).containsEntry(SqsDeadLetters.FIELD, "device_id")
                .containsEntry(SqsDeadLetters.REASON, "VALUE_TOO_LONG");
    }

    @Test
    void store_moreThanTenLetters_sendsThemAll() throws Exception {
        String dlq = SQS.newQueue(LONG);
        List<DeadLetter> letters = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            letters.add(letter("m" + i, null, "x".repeat(30_000)));
        }

        SqsDeadLetters.of(SQS.client(), dlq).store(letters);

        assertThat(SQS.drain(dlq)).hasSize(23);
    }

    @Test
    void store_fifoQueue_keepsGroupAndDeduplicatesBySourceMessageId() {
        String dlq = SQS.newFifoQueue(LONG);
        SqsDeadLetters deadLetters = SqsDeadLetters.of(SQS.client(), dlq);

        deadLetters.store(List.of(letter("m1", "user-1", "{"), letter("m2", null, "[")));
        deadLetters.store(List.of(letter("m1", "user-1", "{"))); // a redelivered rejection

        Map<String, String> groups = SQS.drain(dlq).stream().collect(Collectors.toMap(
                m -> m.messageAttributes().get(SqsDeadLetters.SOURCE_MESSAGE_ID).stringValue(),
                m -> m.attributesAsStrings().get("MessageGroupId")));
        assertThat(groups).containsOnly(Map.entry("m1", "user-1"), Map.entry("m2", SqsDeadLetters.DEFAULT_GROUP));
    }

    @Test
    void store_queueDoesNotExist_throwsPermanentSinkException() {
        SqsDeadLetters deadLetters = SqsDeadLetters.of(SQS.client(), SQS.endpoint() + "/000000000000/gone");

        assertThatThrownBy(() -> deadLetters.store(List.of(letter("m1", null, SECRET))))
                .isInstanceOfSatisfying(SinkException.class, e -> assertThat(e.kind())
                        .isEqualTo(ConnectorException.Kind.SETUP))
                .hasMessage("SQS SendMessageBatch on queue 'gone': 1 of 1 dead letters not sent: "
                        + "1 not sent: call failed with QueueDoesNotExist (HTTP 400)");
    }

    @Test
    void toString_namesQueueOnly() {
        assertThat(SqsDeadLetters.of(SQS.client(), SQS.endpoint() + "/000000000000/dlq"))
                .hasToString("SqsDeadLetters[queue=dlq]");
    }

    private static DeadLetter letter(String id, String group, String body) {
        Delivery delivery = Delivery.builder(id, new Receipt("q", "q", "handle")).record(Record.empty()).group(group).body(body).build();
        return new DeadLetter(delivery, Rejection.of(ReasonCode.MALFORMED_JSON, "not valid JSON at line 1"));
    }

    private static Message single(String queue) {
        List<Message> messages = SQS.drain(queue);
        assertThat(messages).hasSize(1);
        return messages.get(0);
    }

    private static Map<String, String> strings(Map<String, MessageAttributeValue> attributes) {
        return attributes.entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().stringValue()));
    }
}
