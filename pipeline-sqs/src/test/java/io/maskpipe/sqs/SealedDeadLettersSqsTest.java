package io.maskpipe.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskpipe.core.Masker;
import io.maskpipe.core.Pipeline;
import io.maskpipe.core.PipelineStage;
import io.maskpipe.core.PipelineSummary;
import io.maskpipe.core.SealedDeadLetter;
import io.maskpipe.core.Transforms;
import io.maskpipe.core.key.Keyring;
import io.maskpipe.testing.InMemorySink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The measured leak of issue 14, against ElasticMQ: after malformed input, a sweep of the dead-letter queue finds no
 * raw value in any form when the pipeline seals its dead letters, and finds them when it is told not to.
 */
class SealedDeadLettersSqsTest {
    @RegisterExtension
    static final ElasticMq SQS = new ElasticMq();

    private static final Keyring RING = Keyring.of("k1", new byte[32]);
    private static final Masker MASK = (value, context) -> "k1:" + Integer.toHexString(value.hashCode());
    private static final Set<String> CLEAR_ATTRIBUTES = Set.of(SqsDeadLetters.REASON, SqsDeadLetters.FIELD,
            SqsDeadLetters.RULE, SqsDeadLetters.SOURCE_MESSAGE_ID, SqsDeadLetters.SENT_TIMESTAMP,
            SqsDeadLetters.SOURCE_QUEUE);

    /** Bodies that hold personal values and are rejected for seven reasons; the values to sweep for. */
    private static final Map<String, List<String>> POISON = new LinkedHashMap<>();

    static {
        POISON.put("{\"user_id\":\"u1\",\"ip\":\"198.51.100.77\",\"device_id\":\"dev-5521-aa", // MALFORMED_JSON
                List.of("198.51.100.77", "dev-5521-aa"));
        POISON.put("[\"198.51.100.78\",\"dev-5522-bb\"]", List.of("198.51.100.78", "dev-5522-bb")); // NOT_AN_OBJECT
        POISON.put("{\"ip\":\"198.51.100.79\",\"device_id\":\"dev-5523-cc\"}", // MISSING_FIELD
                List.of("198.51.100.79", "dev-5523-cc"));
        POISON.put("{\"user_id\":\"u4\",\"ip\":{\"v\":\"198.51.100.80\"},\"device_id\":\"dev-5524-dd\"}", // WRONG_TYPE
                List.of("198.51.100.80", "dev-5524-dd"));
        POISON.put("{\"user_id\":\"u5\",\"ip\":\"198.51.100.81\",\"ip\":\"198.51.100.82\",\"device_id\":\"x\"}",
                List.of("198.51.100.81", "198.51.100.82")); // duplicate key: MALFORMED_JSON
        POISON.put("{\"user_id\":\"u6\",\"ip\":\"198\\u002e51.100.83\",\"device_id\":\"dev-5526-ff\",\"pad\":\""
                + "z".repeat(700) + "\"}", List.of("198.51.100.83", "dev-5526-ff")); // BODY_TOO_LARGE
        POISON.put("{\"user_id\":\"u7\",\"ip\":\"198.51.100.84\",\"device_id\":\"dev-5527-gg\",\"note\":"
                + "\"caf\u00e9 \\ud83d\\ude00\"}", List.of("198.51.100.84", "dev-5527-gg")); // VALUE_TOO_LONG
    }

    private static final String ATTRIBUTE_VALUE = "198.51.100.99";

    private static PipelineStage pipeline(String queue) {
        SqsSource source = SqsSource.builder().client(SQS.client()).queueUrl(queue).maxBodySize(700).build();
        return Pipeline.from(source).require("user_id").transform(Transforms.maxLength("note", 3)).mask("ip", MASK)
                .mask("device_id", MASK).pollWait(Duration.ofMillis(200)).emptyReceivesToDrain(2);
    }

    private static Map<String, String> sendPoison(String queue) {
        Map<String, String> bodiesById = new LinkedHashMap<>();
        for (String body : POISON.keySet()) {
            bodiesById.put(SQS.send(queue, body, r -> r.messageAttributes(
                    Map.of("client_ip", ElasticMq.text(ATTRIBUTE_VALUE)))), body);
        }
        return bodiesById;
    }

    private static List<String> allValues() {
        List<String> values = new ArrayList<>();
        POISON.values().forEach(values::addAll);
        values.add(ATTRIBUTE_VALUE);
        return values;
    }

    private static String everythingOf(Message letter) {
        StringBuilder text = new StringBuilder(letter.body());
        letter.messageAttributes().forEach((name, value) -> text.append('\n').append(name).append('=')
                .append(value.stringValue()));
        letter.attributesAsStrings().forEach((name, value) -> text.append('\n').append(name).append('=')
                .append(value));
        return text.toString();
    }

    @Test
    void sweep_sealedDeadLettersAfterMalformedInput_findsNoRawValueInAnyForm() {
        String queue = SQS.newQueue(Duration.ofSeconds(30));
        String dlq = SQS.newQueue(Duration.ofSeconds(30));
        Map<String, String> sent = sendPoison(queue);

        PipelineSummary summary = pipeline(queue).deadLetters(SqsDeadLetters.of(SQS.client(), dlq), RING)
                .to(InMemorySink.create()).run();

        assertThat(summary.deadLettered()).isEqualTo(POISON.size());
        assertThat(summary.rejectedByReason()).hasSize(6);
        List<Message> letters = SQS.drain(dlq);
        assertThat(letters).hasSize(POISON.size());
        for (Message letter : letters) {
            assertThat(Sweep.findings(everythingOf(letter), allValues())).as("leaks in a dead letter").isEmpty();
            assertThat(CLEAR_ATTRIBUTES).containsAll(letter.messageAttributes().keySet());
            assertThat(letter.messageAttributes()).containsKeys(SqsDeadLetters.REASON, SqsDeadLetters.RULE,
                    SqsDeadLetters.SOURCE_MESSAGE_ID, SqsDeadLetters.SENT_TIMESTAMP);
            String id = letter.messageAttributes().get(SqsDeadLetters.SOURCE_MESSAGE_ID).stringValue();
            SealedDeadLetter original = SealedDeadLetter.open(RING, id, letter.body());
            assertThat(original.body()).hasValue(sent.get(id));
            assertThat(original.metadata().get("attr.client_ip")).hasValue(ATTRIBUTE_VALUE);
            assertThat(original.metadata().sentTime()).isPresent();
        }
        assertThat(SQS.depth(queue)).isZero();
    }

    @Test
    void sweep_unsealedDeadLetters_findsTheRawValues() {
        String queue = SQS.newQueue(Duration.ofSeconds(30));
        String dlq = SQS.newQueue(Duration.ofSeconds(30));
        sendPoison(queue);

        pipeline(queue).deadLettersUnsealed(SqsDeadLetters.of(SQS.client(), dlq)).to(InMemorySink.create()).run();

        List<String> found = new ArrayList<>();
        SQS.drain(dlq).forEach(letter -> found.addAll(Sweep.findings(everythingOf(letter), allValues())));
        assertThat(found).as("the sweep sees what an unsealed queue holds").isNotEmpty();
    }

    @Test
    void forms_ofAValue_includeEncodingsTheSweepMustCatch() {
        String hidden = "prefix " + java.util.Base64.getUrlEncoder().encodeToString("xx198.51.100.77yy".getBytes())
                + " " + java.net.URLEncoder.encode("a 198.51.100.77/b", java.nio.charset.StandardCharsets.UTF_8);

        assertThat(Sweep.findings(hidden, List.of("198.51.100.77"))).hasSizeGreaterThanOrEqualTo(2);
        assertThat(Sweep.findings("{\"v\":\"\\u0031\\u0039\\u0038\"}", List.of("198")))
                .containsExactly("value #0 as 'json'");
        assertThat(Sweep.findings("6465762d35353231", List.of("dev-5521"))).containsExactly("value #0 as 'hex'");
        assertThat(Sweep.findings("nothing here", List.of("dev-5521"))).isEmpty();
    }
}
