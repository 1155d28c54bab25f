package io.maskpipe.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskpipe.examples.EventSourceMappingStandIn.Poll;
import io.maskpipe.testpostgres.TestPostgres;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The Lambda handler of the user-logins example against a real queue (ElasticMQ) and a real PostgreSQL, driven by a
 * stand-in for the event source mapping. Every test ends by counting: each sent message is exactly one row or one
 * dead letter, and nothing is left on the queue.
 */
class UserLoginsHandlerTest {
    private static LoginQueues queues;
    private static String endpoint;

    @BeforeAll
    static void startQueue() {
        queues = LoginQueues.embedded();
        endpoint = queues.queueUrl().substring(0, queues.queueUrl().indexOf("/000000000000"));
        System.setProperty("aws.region", "us-east-1"); // what the handler's own SQS client reads in Lambda
        System.setProperty("aws.accessKeyId", "local");
        System.setProperty("aws.secretAccessKey", "local");
    }

    @AfterAll
    static void stopQueue() {
        queues.close();
    }

    @Test
    void handler_mixedBatches_everyMessageOneRowOrOneDeadLetter() throws Exception {
        Fixture f = new Fixture(ExampleHarness.databaseUrl(), false, true);
        List<String> bodies = bodies(250, 10);

        f.send(bodies);
        f.mapping(100).drain(f.handler(), Duration.ofSeconds(60));

        f.assertAccounted(bodies);
    }

    @Test
    void handler_databaseReadOnlyMidway_throwsThenWritesEverythingOnceNothingDeadLettered() throws Exception {
        Fixture f = new Fixture(ExampleHarness.databaseUrl(), false, true);
        List<String> bodies = bodies(60, 0);
        f.send(bodies);
        EventSourceMappingStandIn mapping = f.mapping(20);
        UserLoginsHandler handler = f.handler();
        assertThat(mapping.pollOnce(handler, Duration.ofMinutes(1)).threw()).isFalse();

        String database = readOnly(f.url, true);
        try {
            Poll poll = mapping.pollOnce(handler, Duration.ofSeconds(4));
            assertThat(poll.threw()).as("a read-only database hands the whole batch back").isTrue();
        } finally {
            readOnly(f.url, false);
        }
        mapping.drain(handler, Duration.ofSeconds(60));

        f.assertAccounted(bodies);
        assertThat(database).isNotBlank();
    }

    @Test
    void handler_sameBatchTwice_writesNoSecondRow() throws Exception {
        Fixture f = new Fixture(ExampleHarness.databaseUrl(), false, true);
        List<String> bodies = bodies(30, 0);
        f.send(bodies);

        Poll poll = f.mapping(30).pollTwice(f.handler());

        assertThat(poll.failed()).isEmpty();
        f.assertAccounted(bodies);
    }

    @Test
    void handler_fifoGroupWithAFailureAndNoDeadLetters_holdsTheGroupBehindItOthersGoOn() throws Exception {
        Fixture f = new Fixture(ExampleHarness.databaseUrl(), true, false);
        List<String> a = List.of(good(1), "{\"user_id\": \"u-2\", broken", good(3));
        List<String> b = List.of(good(4), good(5));
        f.sendFifo("A", a);
        f.sendFifo("B", b);
        EventSourceMappingStandIn mapping = f.mapping(10);

        Poll first = mapping.pollOnce(f.handler(), Duration.ofMinutes(1));

        assertThat(first.received()).isEqualTo(5);
        assertThat(first.failed()).hasSize(2); // the broken one and the later message of its group
        assertThat(f.rowUserIds()).containsExactlyInAnyOrder("u-1", "u-4", "u-5");
        // The redrive policy moves the broken message after its second receive, and with it the message held behind
        // it, which was received as often: on a FIFO queue, give the pipeline a dead-letter destination instead.
        mapping.drain(f.handler(), Duration.ofSeconds(60));
        assertThat(f.rowUserIds()).containsExactlyInAnyOrder("u-1", "u-4", "u-5");
        assertThat(f.deadLetterCount()).isEqualTo(2);
        assertThat(mapping.remaining()).isZero();
    }

    @Test
    void handler_concurrentInvocationsOnOneTable_writeEachMessageOnce() throws Exception {
        Fixture f = new Fixture(ExampleHarness.databaseUrl(), false, true);
        List<String> bodies = bodies(400, 25);
        f.send(bodies);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                UserLoginsHandler handler = f.handler(); // each concurrent environment has its own instance
                runs.add(pool.submit(() -> {
                    f.mapping(50).drain(handler, Duration.ofSeconds(90));
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdownNow();
        }
        f.assertAccounted(bodies);
    }

    @Test
    void handler_reusedAcrossADatabaseRestart_replacesItsConnection(@TempDir Path dir) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path data = Files.createDirectories(dir.resolve("pgdata"));
        EmbeddedPostgres server = TestPostgres.startEmbedded(data, port, ExampleHarness.MAX_CONNECTIONS);
        try {
            Fixture f = new Fixture(server.getJdbcUrl("postgres", "postgres"), false, true);
            List<String> bodies = bodies(90, 15);
            f.send(bodies);
            EventSourceMappingStandIn mapping = f.mapping(30);
            UserLoginsHandler handler = f.handler();
            assertThat(mapping.pollOnce(handler, Duration.ofMinutes(1)).threw()).isFalse();

            server.close();
            server = TestPostgres.startEmbedded(data, port, ExampleHarness.MAX_CONNECTIONS);
            mapping.drain(handler, Duration.ofSeconds(60));

            f.assertAccounted(bodies);
        } finally {
            server.close();
        }
    }

    // ---- fixtures ----

    /** A fresh queue (with its dead-letter queue), a fresh table, and the handler's environment for them. */
    private static final class Fixture {
        final String url;
        final String table = ExampleHarness.freshTable("lambda_logins");
        final String queueUrl;
        final String deadLetterQueueUrl;
        final boolean deadLettersInHandler;
        final LoginsDatabase database;

        Fixture(String url, boolean fifo, boolean deadLettersInHandler) {
            this.url = url;
            this.deadLettersInHandler = deadLettersInHandler;
            this.database = LoginsDatabase.at(url);
            database.createTable(table);
            String suffix = fifo ? ".fifo" : "";
            Map<QueueAttributeName, String> dlqAttributes = new HashMap<>();
            if (fifo) {
                dlqAttributes.put(QueueAttributeName.FIFO_QUEUE, "true");
            }
            deadLetterQueueUrl = queues.client().createQueue(r -> r.queueName(table + "-dlq" + suffix)
                    .attributes(dlqAttributes)).queueUrl();
            Map<QueueAttributeName, String> attributes = new HashMap<>(dlqAttributes);
            attributes.put(QueueAttributeName.VISIBILITY_TIMEOUT, "1");
            if (fifo) {
                attributes.put(QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "true");
                // without a dead-letter destination in the handler, the queue's redrive policy takes rejections
                attributes.put(QueueAttributeName.REDRIVE_POLICY, "{\"maxReceiveCount\":\"2\",\"deadLetterTargetArn\":"
                        + "\"arn:aws:sqs:elasticmq:000000000000:" + table + "-dlq" + suffix + "\"}");
            }
            queueUrl = queues.client().createQueue(r -> r.queueName(table + suffix).attributes(attributes))
                    .queueUrl();
        }

        UserLoginsHandler handler() {
            Map<String, String> env = new HashMap<>();
            env.put("MASKPIPE_KEYS", "k1:" + Base64.getEncoder().encodeToString(ExampleHarness.KEY));
            env.put("MASKPIPE_JDBC_URL", url);
            env.put("MASKPIPE_TABLE", table);
            env.put("MASKPIPE_SQS_ENDPOINT", endpoint);
            if (deadLettersInHandler) {
                env.put("MASKPIPE_DEAD_LETTER_QUEUE_URL", deadLetterQueueUrl);
            }
            return new UserLoginsHandler(env);
        }

        EventSourceMappingStandIn mapping(int batchSize) {
            return new EventSourceMappingStandIn(queues.client(), queueUrl, batchSize);
        }

        void send(List<String> bodies) {
            for (String body : bodies) {
                queues.client().sendMessage(r -> r.queueUrl(queueUrl).messageBody(body));
            }
        }

        void sendFifo(String group, List<String> bodies) {
            for (String body : bodies) {
                queues.client().sendMessage(r -> r.queueUrl(queueUrl).messageBody(body).messageGroupId(group));
            }
        }

        List<String> rowUserIds() {
            return database.query("SELECT user_id FROM " + table).stream().map(row -> row.get(0)).toList();
        }

        /** Each well-formed body is exactly one row, each malformed one exactly one dead letter; the queue is empty. */
        void assertAccounted(List<String> bodies) {
            List<String> expectedRows = bodies.stream().filter(UserLoginsHandlerTest::wellFormed)
                    .map(body -> body.substring(12, body.indexOf('"', 12))).toList();
            long malformed = bodies.size() - expectedRows.size();
            assertThat(rowUserIds()).as("one row per well-formed message").containsExactlyInAnyOrderElementsOf(
                    expectedRows);
            assertThat(deadLetterCount()).as("one dead letter per malformed message").isEqualTo(malformed);
            assertThat(mapping(10).remaining()).as("nothing left on the queue").isZero();
        }

        int deadLetterCount() {
            return Integer.parseInt(queues.client().getQueueAttributes(r -> r.queueUrl(deadLetterQueueUrl)
                    .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes()
                    .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
        }
    }

    /** n bodies, every k-th malformed (k 0: none): broken JSON or a required field missing, in turn. */
    private static List<String> bodies(int n, int k) {
        List<String> bodies = new ArrayList<>(n);
        for (int i = 1; i <= n; i++) {
            if (k > 0 && i % k == 0) {
                bodies.add(i % (2 * k) == 0 ? "{\"user_id\": \"u-" + i + "\", broken" : "{\"user_id\": \"u-" + i
                        + "\"}");
            } else {
                bodies.add(good(i));
            }
        }
        return bodies;
    }

    private static String good(int i) {
        return "{\"user_id\":\"u-" + i + "\",\"device_type\":\"ios\",\"ip\":\"10.0." + (i / 250) + "." + (i % 250)
                + "\",\"device_id\":\"dev-" + (i % 40) + "\",\"locale\":\"US\",\"app_version\":\"2.3.4\"}";
    }

    private static boolean wellFormed(String body) {
        return body.startsWith("{\"user_id\":\"u-") && body.endsWith("}") && body.contains("app_version");
    }

    /** Turns the database read-only for new sessions and ends the current ones (as a failover would), or back. */
    private static String readOnly(String url, boolean on) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            var rs = s.executeQuery("SELECT current_database()");
            rs.next();
            String database = rs.getString(1);
            s.execute("SET default_transaction_read_only = off"); // this session may have started read-only
            s.execute("ALTER DATABASE \"" + database + "\" SET default_transaction_read_only = " + on);
            s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database()"
                    + " AND pid <> pg_backend_pid()");
            return database;
        }
    }
}
