package io.maskpipe.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskpipe.examples.ExampleOptions.UsageException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExampleOptionsTest {

    @Test
    void parse_nothing_meansEmbeddedDefaults() {
        ExampleOptions options = parse(Map.of());

        assertThat(options.queueUrl()).isEmpty();
        assertThat(options.jdbcUrl()).isEmpty();
        assertThat(options.keyText()).isEmpty();
        assertThat(options.keyFile()).isEmpty();
        assertThat(options.messages()).isEqualTo(ExampleOptions.DEFAULT_MESSAGES);
    }

    @Test
    void parse_flagsAndEnvironment_flagsWin() {
        Map<String, String> env = Map.of("MASKPIPE_QUEUE_URL", "http://env/q", "MASKPIPE_DLQ_URL", "http://env/dlq",
                "MASKPIPE_JDBC_URL", "jdbc:postgresql://env/db", "MASKPIPE_KEYS", "k1:x");

        ExampleOptions options = parse(env, "--queue-url", "http://flag/q", "--sqs-endpoint=http://localhost:4566",
                "--key-file", "/run/secrets/keys");

        assertThat(options.queueUrl()).contains("http://flag/q");
        assertThat(options.deadLetterQueueUrl()).isEqualTo("http://env/dlq");
        assertThat(options.sqsEndpoint()).contains(URI.create("http://localhost:4566"));
        assertThat(options.jdbcUrl()).contains("jdbc:postgresql://env/db");
        assertThat(options.keyFile()).contains(Path.of("/run/secrets/keys"));
        assertThat(options.keyText()).isEmpty();
        assertThat(options.messages()).isZero(); // a real queue is read as it is unless asked
    }

    @Test
    void parse_keyEnv_readsTheNamedVariable() {
        ExampleOptions options = parse(Map.of("TEAM_KEYS", "k1:abc"), "--key-env", "TEAM_KEYS");

        assertThat(options.keyText()).contains("k1:abc");
    }

    @Test
    void parse_badInput_isRefusedNamingTheFlagAndRule() {
        assertRefused(List.of("--nope"), "unknown option '--nope'");
        assertRefused(List.of("stray"), "unexpected argument 'stray' (options start with --)");
        assertRefused(List.of("--messages"), "--messages: needs a value");
        assertRefused(List.of("--messages", "lots"), "--messages: expected a whole number from 0 to 10000000, got 'lots'");
        assertRefused(List.of("--messages", "-1"), "--messages: expected a whole number from 0 to 10000000, got '-1'");
        assertRefused(List.of("--queue-url", "http://q"),
                "--queue-url needs --dlq-url too: rejected messages go to a dead-letter queue");
        assertRefused(List.of("--region", "eu-west-1"),
                "--sqs-endpoint and --region are for a real queue: give --queue-url too");
        assertRefused(List.of("--jdbc-url", "postgres://db"),
                "--jdbc-url: expected a PostgreSQL JDBC URL starting with jdbc:postgresql:");
        assertRefused(List.of("--table", "User Logins"),
                "--table: expected a lower-case name of letters, digits and _ (at most 63)");
        assertRefused(List.of("--key-env", "MISSING"), "--key-env: environment variable 'MISSING' is not set");
        assertRefused(List.of("--key-file", "a", "--key-env", "B"),
                "--key-env and --key-file: give one key ring, not both");
        assertRefused(List.of("--sqs-endpoint", "localhost"), "--sqs-endpoint: expected a URL such as http://localhost:4566");
        assertRefused(List.of("--show-revealed-value"),
                "--show-revealed-value is for --tokenize: only a token can be revealed");
    }

    @Test
    void parse_showRevealedValue_onlyWhereTokenizeIsOffered() {
        assertThat(parse(Map.of(), "--tokenize").showRevealedValue()).isFalse();
        assertThat(parse(Map.of(), "--tokenize", "--show-revealed-value").showRevealedValue()).isTrue();
        assertThatThrownBy(() -> ExampleOptions.parse(List.of("--show-revealed-value"), Map.of(), false))
                .isInstanceOf(UsageException.class).hasMessage("unknown option '--show-revealed-value'");
    }

    @Test
    void usage_everyOption_standsUnderTheOptionsHeader() {
        String usage = ExampleOptions.usage("UserLoginsPipeline", true);
        List<String> lines = usage.lines().toList();

        assertThat(lines.get(0)).isEqualTo("Usage: UserLoginsPipeline [options]");
        assertThat(lines.get(1)).startsWith("Options ");
        assertThat(lines.subList(2, lines.size() - 1)).allSatisfy(line -> assertThat(line).startsWith("  "));
        assertThat(lines.subList(2, lines.size() - 1)).filteredOn(line -> line.startsWith("  --"))
                .extracting(line -> line.strip().split(" ")[0]).containsExactly("--tokenize", "--show-revealed-value",
                        "--queue-url", "--dlq-url", "--sqs-endpoint", "--region", "--jdbc-url", "--table", "--key-env",
                        "--key-file", "--messages", "--lookup-ip", "--help");
        assertThat(ExampleOptions.usage("CustomMaskerPipeline", false)).doesNotContain("--tokenize")
                .doesNotContain("--show-revealed-value").contains("\nOptions (").contains("--queue-url");
        assertThat(usage.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(120));
    }

    private static void assertRefused(List<String> args, String message) {
        assertThatThrownBy(() -> ExampleOptions.parse(args, Map.of("B", "k1:x"), true)).as(args.toString())
                .isInstanceOf(UsageException.class).hasMessage(message);
    }

    private static ExampleOptions parse(Map<String, String> env, String... args) {
        return ExampleOptions.parse(List.of(args), env, true);
    }
}
