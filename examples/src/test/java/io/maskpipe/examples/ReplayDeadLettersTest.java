package io.maskpipe.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskpipe.core.PipelineSummary;
import io.maskpipe.doccheck.DocSnippets;
import io.maskpipe.examples.ExampleHarness.Captured;
import io.maskpipe.examples.LoginQueues.DeadLetterView;
import io.maskpipe.examples.LoginsExample.ExampleResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worked example's replay against ElasticMQ and PostgreSQL: a constraint refuses some rows, they are
 * dead-lettered sealed; once the constraint is fixed, {@code ReplayDeadLetters} and a second run turn every such
 * dead letter into exactly one row, and a second replay finds nothing to do.
 */
class ReplayDeadLettersTest {
    private static final int MESSAGES = 200;

    @TempDir
    static Path directory;

    @BeforeAll
    static void localCredentials() {
        // The real-queue path takes credentials from the SDK's default chain; ElasticMQ accepts any.
        System.setProperty("aws.accessKeyId", "local");
        System.setProperty("aws.secretAccessKey", "local");
    }

    @AfterAll
    static void clearCredentials() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    @Test
    void replay_afterFixingTheCause_turnsEveryDeadLetterIntoExactlyOneRow() throws Exception {
        Path keyFile = ExampleHarness.keyFile(directory);
        String table = ExampleHarness.freshTable("replayed_logins");
        LoginsDatabase database = LoginsDatabase.at(ExampleHarness.databaseUrl());
        database.createTable(table);
        execute("ALTER TABLE " + table + " ADD CONSTRAINT no_ru CHECK (locale IS DISTINCT FROM 'RU')");
        try (LoginQueues queues = LoginQueues.embedded()) {
            URI queue = URI.create(queues.queueUrl());
            String[] common = {"--queue-url", queues.queueUrl(), "--dlq-url", queues.deadLetterQueueUrl(),
                "--sqs-endpoint", queue.getScheme() + "://" + queue.getAuthority(), "--key-file", keyFile.toString()};

            ExampleResult first = example(common, "--messages", String.valueOf(MESSAGES), table).result();
            List<DeadLetterView> refused = first.deadLetters().stream()
                    .filter(letter -> letter.reason().equals("SINK_REJECTED")).toList();
            assertThat(refused).isNotEmpty();
            assertThat(first.summary().written() + first.summary().rejected()).isEqualTo(MESSAGES);

            execute("ALTER TABLE " + table + " DROP CONSTRAINT no_ru"); // the fix
            Outcome replayed = replay(common, "--only-reasons", "SINK_REJECTED");
            assertThat(replayed.status()).isZero();
            assertThat(replayed.text()).contains(refused.size() + " resent");
            PipelineSummary second = example(common, "--messages", "0", table).result().summary();
            Outcome again = replay(common, "--only-reasons", "SINK_REJECTED");

            assertThat(second.written()).isEqualTo(refused.size());
            assertThat(second.rejected()).isZero();
            // looked up as an operator would, from what the dead letter carries (docs/postgres.md)
            execute(DocSnippets.forThisModule().block("docs/postgres.md", "sql", "FUNCTION maskpipe_ledger_id"));
            for (DeadLetterView letter : refused) {
                assertThat(database.query("SELECT count(*) FROM maskpipe_ledger WHERE message_id = "
                        + "maskpipe_ledger_id(?, ?) AND target::text LIKE ?", letter.sourceMessageId(),
                        letter.sentTimestamp(), "%" + table)).as(letter.sourceMessageId())
                        .containsExactly(List.of("1"));
            }
            assertThat(database.query("SELECT count(*) FROM " + table)).containsExactly(
                    List.of(String.valueOf(first.summary().written() + refused.size())));
            assertThat(database.query("SELECT count(*) FROM " + table + " WHERE locale = 'RU'"))
                    .containsExactly(List.of(String.valueOf(refused.size())));
            assertThat(again.text()).contains("0 resent");
            assertThat(queues.peekDeadLetters()).extracting(DeadLetterView::reason).doesNotContain("SINK_REJECTED")
                    .hasSize(first.deadLetters().size() - refused.size());
        }
    }

    @Test
    void replay_withoutAQueueOrKey_isAUsageError() {
        Outcome noQueue = replay(new String[0]);
        assertThat(noQueue.status()).isEqualTo(2);
        assertThat(noQueue.text()).contains("needs --queue-url and --dlq-url");

        Outcome badReason = replay(new String[] {"--only-reasons", "NOPE"});
        assertThat(badReason.status()).isEqualTo(2);
        assertThat(badReason.text()).contains("'NOPE' is not a reason code");
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(ExampleHarness.databaseUrl());
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static Captured<ExampleResult> example(String[] common, String flag, String value, String table) {
        List<String> args = new ArrayList<>(List.of(common));
        args.addAll(List.of(flag, value, "--jdbc-url", ExampleHarness.databaseUrl(), "--table", table));
        ExampleOptions options = ExampleHarness.options(Map.of(), args.toArray(String[]::new));
        return ExampleHarness.capture(out -> LoginsExample.run(Variant.HMAC, options, out, out));
    }

    private static Outcome replay(String[] common, String... more) {
        List<String> args = new ArrayList<>(List.of(common));
        args.addAll(List.of(more));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream print = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int status = ReplayDeadLetters.run(args.toArray(String[]::new), Map.of(), print, print);
        return new Outcome(status, bytes.toString(StandardCharsets.UTF_8));
    }

    private record Outcome(int status, String text) {
    }
}
