package io.maskpipe.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskpipe.core.Pipeline;
import io.maskpipe.core.PipelineException;
import io.maskpipe.core.spi.Sink;
import io.maskpipe.testing.InMemorySource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What PostgresSink says about its columns, and the start-up check of declared personal fields that reads it. */
class PostgresSinkFieldsTest {
    /** Nothing listens here: a sink that tried to connect would fail with a connection error instead. */
    private static final String NOWHERE = "jdbc:postgresql://127.0.0.1:1/none";

    private static PostgresSink.Builder userLogins() {
        return PostgresSink.into("user_logins").url(NOWHERE)
                .column("user_id", "user_id")
                .column("masked_ip", "ip")
                .column("masked_device_id", "device_id")
                .column("app_version", Columns.versionNumber("app_version"))
                .column("create_date", Columns.sentDate());
    }

    @Test
    void fieldsByColumn_mappedFields_namesEachAndLeavesMetadataColumnsOut() {
        PostgresSink sink = userLogins().column("summary", record -> "x").build();

        assertThat(sink.fieldsByColumn()).containsExactly(Map.entry("user_id", "user_id"),
                Map.entry("masked_ip", "ip"), Map.entry("masked_device_id", "device_id"),
                Map.entry("app_version", "app_version"), Map.entry("summary", Sink.ANY_FIELD));
    }

    @Test
    void run_personalFieldUnmaskedIntoAColumn_refusesBeforeConnecting() {
        PostgresSink sink = userLogins().build();

        assertThatThrownBy(() -> Pipeline.from(InMemorySource.of(List.of(UserLogins.login("m-1"))))
                .personal("ip", "device_id")
                .mask("device_id", (value, context) -> "k1:x")
                .to(sink).run())
                .isInstanceOf(PipelineException.class)
                .hasMessage("pipeline: not started, personal field 'ip' reaches column 'masked_ip' unmasked; mask"
                        + " each with .mask(path, masker), or drop it");
    }
}
