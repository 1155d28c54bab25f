package io.maskpipe.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipelineTest {
    private static final Masker LENGTH = (value, context) -> "m(" + value.length() + ")";

    static List<Record> logins(int n) {
        List<Record> records = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            records.add(Record.builder().put("user_id", "u" + i).put("ip", "10.0.0." + (i % 250))
                    .metadata(Metadata.empty().with(Metadata.MESSAGE_ID, "id-" + i)).build());
        }
        return records;
    }

    @Test
    void run_nMessages_allWrittenAndAcknowledged() {
        InMemorySource source = InMemorySource.of(logins(250));
        InMemorySink sink = InMemorySink.create();

        PipelineSummary summary = Pipeline.from(source).mask("ip", LENGTH).pollWait(Duration.ofMillis(10))
                .to(sink).run();

        assertThat(summary.written()).isEqualTo(250);
        assertThat(sink.records()).hasSize(250);
        assertThat(source.remaining()).isZero();
        assertThat(sink.records().get(0).textOrNull("ip")).startsWith("m(");
    }
}
