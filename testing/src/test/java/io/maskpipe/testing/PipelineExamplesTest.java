package io.maskpipe.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskpipe.core.MaskContext;
import io.maskpipe.core.Masker;
import io.maskpipe.core.Maskers;
import io.maskpipe.core.Pipeline;
import io.maskpipe.core.UnknownFields;
import io.maskpipe.core.key.Keyring;
import io.maskpipe.core.PipelineListener;
import io.maskpipe.core.PipelineSummary;
import io.maskpipe.core.RunningPipeline;
import io.maskpipe.core.key.Keyring;
import io.maskpipe.core.record.ReasonCode;
import io.maskpipe.core.record.Record;
import io.maskpipe.doccheck.DocSnippets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The examples of docs/pipeline.md and of {@code Pipeline}'s javadoc (whose check runs in masking-core), compiled and
 * run here, where the in-memory source and sink are; each marked region is quoted word for word by the file it names.
 */
class PipelineExamplesTest {
    private static final DocSnippets DOCS = DocSnippets.forThisModule();

    @Test
    void examples_markedRegions_areQuotedWordForWord() {
        DOCS.assertQuoted(PipelineExamplesTest.class);
    }

    @Test
    void javadocExamples_everyBlock_isCopiedFromAMarkedRegion() {
        DOCS.assertJavadocExamplesQuoted();
    }

    @Test
    void javadoc_pipeline_masksWritesAndDeadLetters() {
        InMemorySource source = InMemorySource.of(List.of(
                Record.of(Map.of("user_id", "u1", "ip", "10.0.0.1", "device_id", "d-1")),
                Record.of(Map.of("ip", "10.0.0.2", "device_id", "d-2"))));
        InMemorySink sink = InMemorySink.create();
        InMemoryDeadLetters deadLetters = InMemoryDeadLetters.create();
        Keyring keyring = Keyring.of("k1", new byte[] {
            1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29,
            30, 31, 32});
        // --- masking-core/src/main/java/io/maskpipe/core/Pipeline.java: run ---
        Masker hmac = Maskers.hmac(keyring);
        Pipeline pipeline = Pipeline.from(source)          // SqsSource.of(sqs, queueUrl), or your own Source
                .require("user_id")
                .mask("ip", hmac)
                .mask("device_id", hmac)
                .deadLetters(deadLetters, keyring)         // SqsDeadLetters.of(sqs, dlqUrl); sealed
                .to(sink);                                 // PostgresSink.into(table)...build()
        PipelineSummary summary = pipeline.run();
        // --- end ---

        assertThat(summary.written()).isEqualTo(1);
        assertThat(summary.deadLettered()).isEqualTo(1);
        assertThat(sink.records()).singleElement().satisfies(record -> {
            assertThat(record.textOrNull("ip")).isEqualTo(hmac.mask("10.0.0.1", MaskContext.forField("ip")));
            assertThat(record.textOrNull("device_id")).startsWith("k1:").isNotEqualTo("d-1");
        });
        assertThat(deadLetters.letters()).hasSize(1);
    }

    @Test
    void example_runUntilDrained_writesMaskedLogins() {
        List<Record> logins = List.of(
                Record.of(Map.of("user_id", "u1", "ip", "10.0.0.1", "device_id", "d-1", "debug", "x")),
                Record.of(Map.of("ip", "10.0.0.2", "device_id", "d-2")));
        Keyring keyring = Keyring.of("k1", new byte[32]); // docs/masking.md says how to load a real one
        // --- docs/pipeline.md: run ---
        InMemorySource source = InMemorySource.of(logins);
        InMemorySink sink = InMemorySink.create();
        InMemoryDeadLetters deadLetters = InMemoryDeadLetters.create();
        Masker masker = (value, context) -> "m(" + value.length() + ")"; // use Maskers.hmac(keyring) for real

        PipelineSummary summary = Pipeline.from(source)
                .personal("ip", "device_id")
                .unknownFields(UnknownFields.REJECT)
                .require("user_id")
                .mask("ip", masker, "ip-address")
                .mask("device_id", masker)
                .drop("debug")
                .deadLetters(deadLetters, keyring)
                .batching(500, Duration.ofMillis(200))
                .pollers(4)
                .to(sink)
                .run();
        // --- end ---

        assertThat(summary.written()).isEqualTo(1);
        assertThat(summary.rejectedByReason()).isEqualTo(Map.of(ReasonCode.MISSING_FIELD, 1L));
        assertThat(sink.records().get(0).fields()).containsOnlyKeys("user_id", "ip", "device_id");
    }

    @Test
    void example_startAndStop_runsAsAService() throws InterruptedException {
        InMemorySource source = InMemorySource.of(List.of(Record.of(Map.of("ip", "10.0.0.1"))));
        InMemorySink sink = InMemorySink.create();
        Masker masker = (value, context) -> "m";
        // --- docs/pipeline.md: start ---
        PipelineListener metrics = new PipelineListener() {
            @Override
            public void batchWritten(int size, Duration latency) {
                // record size and latency in your metrics library
            }
        };
        RunningPipeline running = Pipeline.from(source)
                .mask("ip", masker)
                .listener(metrics)
                .to(sink)
                .start();
        // ... later:
        PipelineSummary summary = running.stop(Duration.ofSeconds(20));
        // --- end ---

        assertThat(running.awaitTermination(Duration.ofSeconds(1))).isTrue();
        assertThat(summary.received()).isEqualTo(summary.written() + summary.released());
    }
}
