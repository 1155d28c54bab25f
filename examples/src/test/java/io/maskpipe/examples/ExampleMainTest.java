package io.maskpipe.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskpipe.examples.ExampleHarness.Captured;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The examples as the command line runs them: exit status and what a user sees. */
class ExampleMainTest {

    @Test
    void main_noConfiguration_runsOnEmbeddedDefaultsWithALoudThrowawayKey() {
        Captured<Integer> run = ExampleHarness.capture(out ->
                LoginsExample.main("UserLoginsPipeline", false, new String[] {"--messages", "60"}, Map.of(), out, out));

        assertThat(run.result()).isZero();
        assertThat(run.text()).contains("NO KEY GIVEN: masking with a THROWAWAY key")
                .contains("embedded ElasticMQ").contains("embedded PostgreSQL").contains("table user_logins")
                .contains("Summary").contains("received                         60")
                .contains("Analysts' query, IPs seen more than once");
    }

    @Test
    void main_badFlag_printsUsageAndExitsWith2() {
        Captured<Integer> run = ExampleHarness.capture(out ->
                LoginsExample.main("UserLoginsPipeline", false, new String[] {"--messages", "lots"}, Map.of(), out,
                        out));

        assertThat(run.result()).isEqualTo(2);
        assertThat(run.text()).startsWith("UserLoginsPipeline: --messages: expected a whole number")
                .contains("Usage: UserLoginsPipeline [options]").contains("--tokenize")
                .doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void main_tokenizeOnTheCustomExample_isUnknown() {
        Captured<Integer> run = ExampleHarness.capture(out ->
                LoginsExample.main("CustomMaskerPipeline", true, new String[] {"--tokenize"}, Map.of(), out, out));

        assertThat(run.result()).isEqualTo(2);
        assertThat(run.text()).startsWith("CustomMaskerPipeline: unknown option '--tokenize'");
    }

    @Test
    void main_unreachableDatabase_failsWithOneLineAndExit1() {
        Captured<Integer> run = ExampleHarness.capture(out -> LoginsExample.main("UserLoginsPipeline", false,
                new String[] {"--messages", "0", "--jdbc-url", "jdbc:postgresql://127.0.0.1:1/none?user=u&password=p"},
                Map.of("MASKPIPE_KEYS", "k1:" + java.util.Base64.getEncoder().encodeToString(ExampleHarness.KEY)),
                out, out));

        assertThat(run.result()).isEqualTo(1);
        assertThat(run.text()).contains("UserLoginsPipeline: failed: ")
                .contains("cannot connect to 127.0.0.1:1: is PostgreSQL running there").contains("SQLSTATE 08")
                .doesNotContain("password=p").doesNotContain("\tat ").doesNotContain("THROWAWAY");
    }
}
