package io.maskpipe.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskpipe.examples.ExampleHarness.Captured;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a user sees when the database or a queue is wrong: one line saying in words what is wrong and where, exit
 * status 1, no stack trace and no secret. Real servers: a closed port, an embedded PostgreSQL that checks passwords,
 * an embedded ElasticMQ without the named dead-letter queue.
 */
class ExampleFailureTest {
    private static final Map<String, String> KEYS =
            Map.of("MASKPIPE_KEYS", "k1:" + Base64.getEncoder().encodeToString(ExampleHarness.KEY));

    @Test
    void main_closedPort_saysItCannotConnectToTheHostAndPort() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }

        Captured<Integer> run = main("--messages", "0", "--jdbc-url",
                "jdbc:postgresql://127.0.0.1:" + port + "/analytics?user=loader&password=s3cret-pw");

        assertThat(run.result()).isEqualTo(1);
        assertThat(run.text()).contains("UserLoginsPipeline: failed: IllegalStateException: PostgreSQL at "
                + "jdbc:postgresql://127.0.0.1:" + port + "/analytics: cannot connect to 127.0.0.1:" + port
                + ": is PostgreSQL running there and does it accept TCP connections? (SQLSTATE 08001)")
                .doesNotContain("s3cret-pw").doesNotContain("\tat ");
    }

    @Test
    void main_wrongPassword_saysPasswordAuthenticationFailedForTheUser() throws Exception {
        try (EmbeddedPostgres server = EmbeddedPostgres.builder().start()) {
            try (Connection connection = server.getPostgresDatabase().getConnection();
                 Statement statement = connection.createStatement()) {
                statement.execute("CREATE ROLE loader LOGIN PASSWORD 'right-pw'");
                // zonky trusts everyone; make this one role prove its password (the first matching line wins).
                Path hba;
                try (ResultSet file = statement.executeQuery("SHOW hba_file")) {
                    file.next();
                    hba = Path.of(file.getString(1));
                }
                Files.writeString(hba, "host all loader all md5\n" + Files.readString(hba, StandardCharsets.UTF_8));
                statement.execute("SELECT pg_reload_conf()");
            }
            String url = "jdbc:postgresql://localhost:" + server.getPort() + "/postgres";

            Captured<Integer> wrong = main("--messages", "0", "--jdbc-url", url + "?user=loader&password=wrong-pw");
            Captured<Integer> right = main("--messages", "0", "--jdbc-url", url + "?user=loader&password=right-pw");

            assertThat(wrong.result()).isEqualTo(1);
            assertThat(wrong.text()).contains("UserLoginsPipeline: failed: IllegalStateException: PostgreSQL at "
                    + url + ": password authentication failed for user 'loader': check the password "
                    + "(SQLSTATE 28P01)").doesNotContain("wrong-pw").doesNotContain("\tat ");
            assertThat(right.result()).as(right.text()).isZero(); // the same setup with the right password runs
        }
    }

    @Test
    void main_missingDeadLetterQueue_namesTheQueue() {
        try (LoginQueues queues = LoginQueues.embedded()) {
            String missing = queues.queueUrl().replace(LoginQueues.QUEUE, "no-such-dlq");
            String endpoint = queues.queueUrl().substring(0, queues.queueUrl().indexOf('/', "http://".length()));
            // The real-queue path takes credentials from the SDK's default chain; ElasticMQ accepts any.
            System.setProperty("aws.accessKeyId", "local");
            System.setProperty("aws.secretAccessKey", "local");
            try {
                Captured<Integer> run = main("--queue-url", queues.queueUrl(), "--dlq-url", missing,
                        "--sqs-endpoint", endpoint, "--jdbc-url", ExampleHarness.databaseUrl());

                assertThat(run.result()).isEqualTo(1);
                assertThat(run.text()).contains("UserLoginsPipeline: failed: IllegalStateException: dead-letter queue "
                        + missing + " does not exist (--dlq-url): create it, or correct the URL")
                        .doesNotContain("\tat ");
            } finally {
                System.clearProperty("aws.accessKeyId");
                System.clearProperty("aws.secretAccessKey");
            }
        }
    }

    private static Captured<Integer> main(String... args) {
        return ExampleHarness.capture(out -> LoginsExample.main("UserLoginsPipeline", false, args, KEYS, out, out));
    }
}
