package io.maskpipe.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskpipe.core.spi.ConnectorException;
import io.maskpipe.core.Pipeline;
import io.maskpipe.core.PipelineListener;
import io.maskpipe.core.PipelineSummary;
import io.maskpipe.core.key.Keyring;
import io.maskpipe.core.record.FieldPath;
import io.maskpipe.doccheck.DocSnippets;
import io.maskpipe.testing.InMemoryDeadLetters;
import io.maskpipe.testing.InMemorySink;
import io.maskpipe.testing.InMemorySource;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * The examples of docs/pipeline.md ("Metrics") and of the javadoc of {@link MicrometerListener}, run as written;
 * each region marked {@code // --- <files>: <name> ---} is quoted word for word by the files it names. The page's
 * table of meters is checked against the meters a run registers: name, type, unit and tag keys.
 */
class MicrometerSnippetsTest {
    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final DocSnippets DOCS = DocSnippets.forThisModule();

    @Test
    void examples_markedRegions_areQuotedWordForWord() {
        DOCS.assertQuoted(MicrometerSnippetsTest.class);
    }

    @Test
    void javadocExamples_everyBlock_isCopiedFromAMarkedRegion() {
        DOCS.assertJavadocExamplesQuoted(MicrometerListener.class);
    }

    /** Runs the page's wiring on a queue with every kind of event; returns the registry it recorded into. */
    private static MeterRegistry wiredRun() {
        InMemorySource source = InMemorySource.create(Duration.ofMillis(300)); // a failed ack comes back soon
        for (int i = 0; i < 10; i++) {
            source.offer(i == 3 ? Fixtures.login(i).without(FieldPath.of("user_id")) : Fixtures.login(i));
        }
        source.failAcknowledgements(1, ConnectorException.Kind.DATA); // given up on: a failed acknowledgement
        InMemorySink sink = InMemorySink.create();
        sink.write(List.of(Fixtures.login(0)));
        sink.failTransiently(1);
        InMemoryDeadLetters deadLetters = InMemoryDeadLetters.create();
        MeterRegistry registry = new SimpleMeterRegistry();
        Keyring keyring = Keyring.of("k1", new byte[32]);

        // --- docs/pipeline.md, micrometer/src/main/java/io/maskpipe/micrometer/MicrometerListener.java: wiring ---
        PipelineListener metrics = MicrometerListener.of(registry, Tags.of("pipeline", "user-logins"));
        PipelineSummary summary = Pipeline.from(source)
                .require("user_id")
                .deadLetters(deadLetters, keyring)
                .listener(metrics)
                .to(sink)
                .run();
        // --- end ---

        // the failed acknowledgement's 10 messages come back and resolve as duplicates
        assertThat(summary.received()).isEqualTo(20);
        assertThat(registry.get(Meters.CONSUMED).tag("pipeline", "user-logins").counter().count()).isEqualTo(20);
        assertThat(registry.get(Meters.WRITTEN).tag("pipeline", "user-logins").counter().count()).isEqualTo(8);
        assertThat(registry.get(Meters.DUPLICATE).tag("pipeline", "user-logins").counter().count()).isEqualTo(11);
        assertThat(registry.get(Meters.DEAD_LETTERED).tag("reason", "MISSING_FIELD").counter().count()).isEqualTo(1);
        return registry;
    }

    @Test
    void builder_percentilesAndHistogram_publishesThem() {
        MeterRegistry registry = new SimpleMeterRegistry();
        Keyring keyring = Keyring.of("k1", new byte[32]);

        // --- docs/pipeline.md, micrometer/src/main/java/io/maskpipe/micrometer/MicrometerListener.java: builder ---
        MicrometerListener metrics = MicrometerListener.builder(registry)
                .tags(Tags.of("pipeline", "user-logins"))
                .publishPercentiles(0.5, 0.99)
                .publishPercentileHistogram(true)
                .build();
        // --- end ---
        metrics.batchWritten(100, Duration.ofMillis(40));

        assertThat(registry.get(Meters.PROCESS_DURATION).timer().takeSnapshot().percentileValues()).hasSize(2);
        assertThat(registry.get(Meters.BATCH_SIZE).summary().takeSnapshot().percentileValues()).hasSize(2);
    }

    @Test
    void metricsTable_everyMeterOfARun_isListedWithItsTypeUnitAndTags() {
        // given the meters a run with every kind of event registered, and the page's table
        MeterRegistry registry = wiredRun();
        Map<String, Meter.Id> registered = new LinkedHashMap<>();
        registry.getMeters().forEach(meter -> registered.putIfAbsent(meter.getId().getName(), meter.getId()));
        List<List<String>> table = DOCS.table("docs/pipeline.md", "## Metrics");

        // then each row is one registered meter, described as it is registered
        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(table.stream().map(row -> codes(row.get(0)).get(0)).toList())
                .containsExactlyInAnyOrderElementsOf(registered.keySet());
        for (List<String> row : table) {
            Meter.Id id = registered.get(codes(row.get(0)).get(0));
            if (id == null) {
                continue;
            }
            String type = id.getType().name().toLowerCase(Locale.ROOT).replace('_', ' ');
            softly.assertThat(row.get(1)).as("type of %s", id.getName()).isEqualTo(type);
            softly.assertThat(row.get(2)).as("unit of %s", id.getName())
                    .isEqualTo(id.getBaseUnit() == null ? "—" : id.getBaseUnit());
            TreeSet<String> keys = new TreeSet<>();
            for (Tag tag : id.getTags()) {
                if (!tag.getKey().equals("pipeline")) {
                    keys.add(tag.getKey());
                }
            }
            TreeSet<String> documented = new TreeSet<>();
            for (String tag : codes(row.get(3))) {
                String[] keyValue = tag.split("=", 2);
                documented.add(keyValue[0]);
                if (keyValue.length == 2) {
                    softly.assertThat(id.getTag(keyValue[0])).as("tag %s of %s", keyValue[0], id.getName())
                            .isEqualTo(keyValue[1]);
                }
            }
            softly.assertThat(documented).as("tag keys of %s", id.getName()).isEqualTo(keys);
        }
        softly.assertAll();
    }

    private static List<String> codes(String cell) {
        Matcher code = CODE.matcher(cell);
        List<String> codes = new ArrayList<>();
        while (code.find()) {
            codes.add(code.group(1));
        }
        return codes;
    }
}
