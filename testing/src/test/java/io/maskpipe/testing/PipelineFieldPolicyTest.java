package io.maskpipe.testing;

import static io.maskpipe.testing.Fixtures.LENGTH;
import static io.maskpipe.testing.Fixtures.fast;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskpipe.core.PipelineException;
import io.maskpipe.core.PipelineListener;
import io.maskpipe.core.PipelineSummary;
import io.maskpipe.core.UnknownFields;
import io.maskpipe.core.record.FieldPath;
import io.maskpipe.core.record.Metadata;
import io.maskpipe.core.record.ReasonCode;
import io.maskpipe.core.record.Record;
import io.maskpipe.core.record.Value;
import io.maskpipe.core.spi.Sink;
import io.maskpipe.core.spi.WriteResult;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Declared personal fields that fail closed at start, and the strict field policy. */
class PipelineFieldPolicyTest {

    private static Record login(String id) {
        return Record.builder().put("user_id", "u-" + id).put("ip", "192.0.2.44").put("device_id", "dev-" + id)
                .metadata(Metadata.empty().with(Metadata.MESSAGE_ID, id)).build();
    }

    /** A sink that says which field each column takes, and stores records in memory. */
    private static Sink withColumns(InMemorySink store, Map<String, String> columns) {
        return new Sink() {
            @Override
            public Map<String, String> fieldsByColumn() {
                return columns;
            }

            @Override
            public List<WriteResult> write(List<Record> records) {
                return store.write(records);
            }
        };
    }

    @Test
    void run_personalFieldUnmaskedIntoForwardedRecords_refusesToStartNamingIt() {
        InMemorySource source = InMemorySource.of(List.of(login("a"), login("b")));

        assertThatThrownBy(() -> fast(source).personal("ip", "device_id").mask("ip", LENGTH)
                .to(InMemorySink.create()).run())
                .isInstanceOf(PipelineException.class)
                .hasMessageContaining("personal field 'device_id' reaches the sink's records unmasked")
                .hasMessageNotContaining("'ip'");
        assertThat(source.remaining()).as("nothing was received").isEqualTo(2);
    }

    @Test
    void start_personalFieldRenamedIntoAColumn_refusesNamingFieldAndColumn() {
        InMemorySource source = InMemorySource.of(List.of(login("a")));
        Sink sink = withColumns(InMemorySink.create(), Map.of("client_ip", "ip_address", "device", "device_id"));

        assertThatThrownBy(() -> fast(source).personal("ip").rename("ip", "ip_address").mask("device_id", LENGTH)
                .to(sink).start())
                .isInstanceOf(PipelineException.class)
                .hasMessageContaining("personal field 'ip' (renamed to 'ip_address') reaches column 'client_ip'")
                .hasMessageNotContaining("192.0.2.44");
        assertThat(source.remaining()).isEqualTo(1);
    }

    @Test
    void run_personalFieldInAComputedColumn_refuses() {
        Sink sink = withColumns(InMemorySink.create(), Map.of("summary", Sink.ANY_FIELD));

        assertThatThrownBy(() -> fast(InMemorySource.of(List.of(login("a")))).personal("device_id")
                .to(sink).run())
                .hasMessageContaining("personal field 'device_id' reaches column 'summary' unmasked");
    }

    @Test
    void run_personalFieldsMaskedDroppedOrInNoColumn_runs() {
        InMemorySink store = InMemorySink.create();
        Sink sink = withColumns(store, Map.of("user_id", "user_id", "masked_ip", "ip"));

        PipelineSummary summary = fast(InMemorySource.of(List.of(login("a"), login("b"))))
                .personal("ip", "device_id", "email")
                .mask("ip", LENGTH)
                .to(sink).run(); // device_id and email reach no column

        assertThat(summary.written()).isEqualTo(2);
        assertThat(fast(InMemorySource.of(List.of(login("c")))).personal("ip", "device_id").mask("ip", LENGTH)
                .drop("device_id").to(InMemorySink.create()).run().written()).isEqualTo(1);
    }

    @Test
    void run_unknownFieldsReject_rejectsByPathOnlyAndWritesTheNamedOnes() {
        Record extra = login("x").toBuilder().put("email", "someone@example.org").build();
        InMemorySource source = InMemorySource.of(List.of(login("a"), extra));
        InMemorySink sink = InMemorySink.create();
        InMemoryDeadLetters deadLetters = InMemoryDeadLetters.create();

        PipelineSummary summary = fast(source).unknownFields(UnknownFields.REJECT).keep("user_id")
                .mask("ip", LENGTH).mask("device_id", LENGTH).deadLettersUnsealed(deadLetters).to(sink).run();

        assertThat(summary.written()).isEqualTo(1);
        assertThat(summary.rejectedByReason()).isEqualTo(Map.of(ReasonCode.UNKNOWN_FIELD, 1L));
        assertThat(deadLetters.letters()).singleElement().satisfies(letter -> {
            assertThat(letter.rejection().field()).hasValue(FieldPath.of("email"));
            assertThat(letter.rejection().toString()).doesNotContain("someone");
        });
    }

    @Test
    void run_unknownFieldsDrop_removesAndReportsEachAndWritesTheRest() {
        Record extra = login("x").toBuilder().put("email", "someone@example.org")
                .put("device", Record.builder().put("id", "d").put("model", "p7").build()).build();
        List<String> dropped = new CopyOnWriteArrayList<>();
        PipelineListener counter = new PipelineListener() {
            @Override
            public void unknownFieldDropped(String messageId, FieldPath path) {
                dropped.add(messageId + " " + path);
            }
        };
        InMemorySink sink = InMemorySink.create();

        PipelineSummary summary = fast(InMemorySource.of(List.of(extra))).unknownFields(UnknownFields.DROP)
                .keep("user_id").mask("ip", LENGTH).mask("device_id", LENGTH).mask("device.id", LENGTH)
                .listener(counter).to(sink).run();

        assertThat(summary.written()).isEqualTo(1);
        assertThat(dropped).containsExactlyInAnyOrder("x email", "x device.model");
        Record written = sink.records().get(0);
        assertThat(written.fields()).containsOnlyKeys("user_id", "ip", "device_id", "device");
        assertThat(written.getOrNull(FieldPath.parse("device.id"))).isEqualTo(Value.of("m(1)"));
        assertThat(written.getOrNull(FieldPath.parse("device.model"))).isNull();
    }

    @Test
    void run_personalFieldsWithUnsealedDeadLetters_warnsNamingTheFields() {
        fast(InMemorySource.of(List.of(login("w")))).personal("ip").mask("ip", LENGTH)
                .deadLettersUnsealed(InMemoryDeadLetters.create()).to(InMemorySink.create()).run();

        assertThat(CapturingLoggerFinder.lines()).anyMatch(line -> line.startsWith("WARNING")
                && line.contains("dead letters are unsealed") && line.contains("[ip]"));
    }

    @Test
    void unknownFields_givenTwice_isAnErrorNamingIt() {
        assertThatThrownBy(() -> fast(InMemorySource.create()).unknownFields(UnknownFields.DROP)
                .unknownFields(UnknownFields.REJECT)).hasMessage("pipeline: unknownFields is already set");
    }
}
