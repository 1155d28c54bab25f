package io.maskpipe.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskpipe.core.spi.ConnectorException;
import io.maskpipe.core.Masker;
import io.maskpipe.core.PipelineSummary;
import io.maskpipe.core.record.Metadata;
import io.maskpipe.core.record.ReasonCode;
import io.maskpipe.core.record.Record;
import io.maskpipe.core.record.Rejection;
import io.maskpipe.testing.InMemoryDeadLetters;
import io.maskpipe.testing.InMemorySink;
import io.maskpipe.testing.InMemorySource;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** No meter name, tag, unit or description ever holds a message id, a field value or a field path of a message. */
class MicrometerListenerLeakTest {
    private static final String SECRET = "198.51.100.23";

    @Test
    void meters_runWithEveryKindOfEvent_neverHoldAMessageIdOrValue() {
        // given messages whose ids, values and own field names are planted, and every event that names a message
        List<String> planted = new ArrayList<>(List.of(SECRET, "secret-field", "user-7f3a"));
        InMemorySource source = InMemorySource.create(Duration.ofMillis(300)); // a failed ack comes back soon
        for (int i = 0; i < 19; i++) { // with the undecodable one, two full batches of 10
            String id = "msg-7f3a-" + i;
            planted.add(id);
            Record.Builder login = Record.builder().put("ip", i % 2 == 0 ? SECRET : "10.0.0.1").put("secret-field", "x")
                    .metadata(Metadata.empty().with(Metadata.MESSAGE_ID, id));
            source.offer((i == 4 ? login : login.put("user_id", "user-7f3a")).build());
        }
        source.offerUndecodable("msg-7f3a-broken", Rejection.of(ReasonCode.MALFORMED_JSON, "not valid JSON"));
        planted.add("msg-7f3a-broken");
        source.failAcknowledgements(1, ConnectorException.Kind.DATA); // given up on: a failed acknowledgement
        Masker leaky = (value, context) -> {
            if (value.equals(SECRET)) {
                throw new IllegalArgumentException("cannot mask " + value);
            }
            return "m";
        };
        InMemorySink sink = InMemorySink.create();
        sink.failTransiently(1);
        sink.refuse("msg-7f3a-5");
        SimpleMeterRegistry registry = new SimpleMeterRegistry();

        // when the masker rejects half of the messages, quoting the value in its exception, and the sink one
        PipelineSummary summary = MicrometerListenerTest.tenPerBatch(source).require("user_id").mask("ip", leaky)
                .deadLettersUnsealed(InMemoryDeadLetters.create())
                .listener(MicrometerListener.of(registry, Tags.of("pipeline", "user-logins"))).to(sink).run();

        // then rejections of four kinds were counted, by reason alone, beside writes, a retry and a failed ack
        assertThat(summary.rejectedByReason()).containsOnlyKeys(ReasonCode.MISSING_FIELD, ReasonCode.MALFORMED_JSON,
                ReasonCode.MASKER_FAILED, ReasonCode.SINK_REJECTED);
        assertThat(summary.written()).isEqualTo(8);
        assertThat(summary.retries()).isEqualTo(1);
        assertThat(summary.acknowledgeFailures()).isPositive();
        assertThat(registry.getMeters()).isNotEmpty();
        for (Meter meter : registry.getMeters()) {
            Meter.Id id = meter.getId();
            List<String> texts = new ArrayList<>(List.of(id.getName(), String.valueOf(id.getBaseUnit()),
                    String.valueOf(id.getDescription()), id.toString()));
            for (Tag tag : id.getTags()) {
                texts.add(tag.getKey());
                texts.add(tag.getValue());
            }
            assertThat(id.getTags()).extracting(Tag::getKey).isSubsetOf(Set.of("pipeline", "messaging.system",
                    "messaging.operation.name", "reason", "kind", "exception"));
            for (String text : texts) {
                assertThat(planted).as("%s of meter %s", text, id.getName()).noneMatch(text::contains);
            }
        }
    }
}
