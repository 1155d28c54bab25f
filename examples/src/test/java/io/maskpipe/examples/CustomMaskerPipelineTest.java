package io.maskpipe.examples;

import static io.maskpipe.examples.ExampleHarness.KEYRING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskpipe.core.MaskContext;
import io.maskpipe.examples.ExampleHarness.Captured;
import io.maskpipe.examples.LoginsExample.ExampleResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The user-written {@link Ipv4NetworkMasker}, alone and wired into the example pipeline. */
class CustomMaskerPipelineTest {
    private static final Pattern MASKED = Pattern.compile("(\\d{1,3}\\.\\d{1,3}\\.\\d{1,3})\\.x-k1:[A-Za-z0-9_-]{22}");
    private static final MaskContext IP = MaskContext.forField("ip");

    @TempDir
    Path directory;

    @Test
    void mask_ipv4_keepsTheNetworkAndTagsTheHost() {
        Ipv4NetworkMasker masker = Ipv4NetworkMasker.of(KEYRING);

        String masked = masker.mask("203.0.113.7", IP);

        assertThat(masked).matches(MASKED).startsWith("203.0.113.x-k1:").doesNotContain(".7");
        assertThat(masker.mask("203.0.113.7", IP)).isEqualTo(masked);
        assertThat(masker.mask("203.0.113.8", IP)).startsWith("203.0.113.x-").isNotEqualTo(masked);
        assertThat(masker.mask("203.0.113.7", MaskContext.forField("other_ip"))).isNotEqualTo(masked);
    }

    @Test
    void mask_notADottedIpv4_isRefusedWithoutTheValue() {
        Ipv4NetworkMasker masker = Ipv4NetworkMasker.of(KEYRING);
        for (String bad : List.of("203.0.113", "203.0.113.7.1", "203.0.113.07", "203.0.113.256", "2001:db8::1",
                "203.0.113.", ".0.113.7", "a.b.c.d", "")) {
            assertThatThrownBy(() -> masker.mask(bad, IP)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("not a dotted IPv4 address (four octets 0-255, no leading zeros)");
        }
    }

    @Test
    void toString_namesTheKeyOnly() {
        assertThat(Ipv4NetworkMasker.of(KEYRING)).hasToString("Ipv4NetworkMasker[key=k1]");
    }

    @Test
    void run_customMasker_writesNetworksWithKeyedTags() throws Exception {
        int messages = 200;
        SentEvents sent = SentEvents.of(messages);
        String table = ExampleHarness.freshTable("user_logins_by_network");
        ExampleOptions options = ExampleHarness.options(Map.of(), "--messages", String.valueOf(messages),
                "--jdbc-url", ExampleHarness.databaseUrl(), "--table", table,
                "--key-file", ExampleHarness.keyFile(directory).toString());

        Captured<ExampleResult> run = ExampleHarness.capture(out -> LoginsExample.run(Variant.NETWORK, options, out,
                out));

        LoginsDatabase database = LoginsDatabase.at(ExampleHarness.databaseUrl());
        Ipv4NetworkMasker masker = Ipv4NetworkMasker.of(KEYRING);
        assertThat(database.query("SELECT masked_ip FROM " + table).stream().map(r -> r.get(0)).toList())
                .allSatisfy(m -> assertThat(m).matches(MASKED))
                .containsExactlyInAnyOrderElementsOf(sent.wellFormed.stream().map(e -> masker.mask(e.get("ip"), IP))
                        .toList());
        assertThat(database.query("SELECT masked_ip FROM " + table + " GROUP BY 1 HAVING count(*) > 1"))
                .hasSize((int) sent.repeated("ip"));
        assertThat(run.result().lookupCount()).isEqualTo(sent.counts("ip").get(run.result().lookupIp()).longValue());
        assertThat(run.result().deadLetters()).hasSize(sent.malformed());
    }
}
