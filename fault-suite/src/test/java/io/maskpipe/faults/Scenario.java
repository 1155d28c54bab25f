package io.maskpipe.faults;

import io.maskpipe.core.Maskers;
import io.maskpipe.core.Pipeline;
import io.maskpipe.core.PipelineStage;
import io.maskpipe.core.key.Keyring;
import io.maskpipe.postgres.Columns;
import io.maskpipe.postgres.PostgresSink;
import io.maskpipe.sqs.SqsDeadLetters;
import io.maskpipe.sqs.SqsSource;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * One fault test's world: a queue and its dead-letter queue on the class's ElasticMQ, a database of its own with the
 * {@value #TABLE} table, the messages sent with their ids, and the pipeline under test ({@code SqsSource -> mask ->
 * PostgresSink} with {@code SqsDeadLetters}). {@link Accounting} checks the end state. Closing it deletes the queues
 * and drops the database.
 */
final class Scenario implements AutoCloseable {
    static final String TABLE = "events";
    /** The reason code a refused row is dead-lettered with: the table's CHECK constraint refuses it. */
    static final String REFUSED_REASON = "SINK_REJECTED";
    static final String DDL = "CREATE TABLE " + TABLE + " (message_id varchar(128), user_id varchar(64), "
            + "masked_ip varchar(256), n varchar(16) CONSTRAINT n_not_bad CHECK (n NOT LIKE 'bad%'))";
    private static final Keyring KEYRING = Keyring.of("k1", new byte[] {
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29,
        30, 31, 32});
    private static final AtomicInteger QUEUES = new AtomicInteger();

    private final SqsClient sqs;
    private final URI sqsEndpoint;
    private final String queueUrl;
    private final String deadLetterQueueUrl;
    private final Duration visibility;
    private final Database admin;
    private final String databaseName;
    private final Database database;
    private final Map<String, Integer> sent = new LinkedHashMap<>();
    private final Map<String, String> expectedDeadLetters = new LinkedHashMap<>();
    private final List<AutoCloseable> resources = Collections.synchronizedList(new ArrayList<>());

    private Scenario(Servers servers, String postgresUrl, String name, Duration visibility) {
        this.sqs = servers.sqs();
        this.sqsEndpoint = servers.sqsEndpoint();
        String queue = name + "-" + QUEUES.incrementAndGet();
        this.queueUrl = sqs.createQueue(r -> r.queueName(queue).attributes(Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT, Long.toString(visibility.getSeconds())))).queueUrl();
        this.deadLetterQueueUrl = sqs.createQueue(r -> r.queueName(queue + "-dead")).queueUrl();
        this.visibility = visibility;
        this.admin = new Database(postgresUrl);
        this.databaseName = ("fs_" + name + "_" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000,
                0xFFFFF))).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        admin.execute("CREATE DATABASE " + databaseName);
        this.database = new Database(Servers.withDatabase(postgresUrl, databaseName));
        database.execute(DDL);
    }

    /** A scenario on the shared PostgreSQL server, with the given visibility timeout on its queue. */
    static Scenario create(Servers servers, String name, Duration visibility) {
        return new Scenario(servers, Servers.postgresUrl(), name, visibility);
    }

    /** A scenario on another PostgreSQL server (one the test restarts), given by its maintenance database's URL. */
    static Scenario onServer(Servers servers, String postgresUrl, String name, Duration visibility) {
        return new Scenario(servers, postgresUrl, name, visibility);
    }

    /**
     * Sends {@code count} messages, ten per call; every {@code refusedEvery}-th one (0: none) carries a value the
     * table's CHECK constraint refuses, so it must end as exactly one dead letter, never a row.
     */
    void send(int count, int refusedEvery) {
        int first = sent.size();
        for (int start = first; start < first + count; start += 10) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = start; i < Math.min(start + 10, first + count); i++) {
                boolean refused = refusedEvery > 0 && i % refusedEvery == refusedEvery - 1;
                String body = "{\"user_id\":\"u-" + i + "\",\"ip\":\"10.0." + (i / 250) + "." + (i % 250)
                        + "\",\"n\":\"" + (refused ? "bad-" : "") + i + "\"}";
                entries.add(SendMessageBatchRequestEntry.builder().id("e" + i).messageBody(body).build());
            }
            SendMessageBatchResponse response = sqs.sendMessageBatch(r -> r.queueUrl(queueUrl).entries(entries));
            if (!response.failed().isEmpty()) {
                throw new IllegalStateException("test setup: sending failed for " + response.failed());
            }
            response.successful().forEach(ok -> {
                int i = Integer.parseInt(ok.id().substring(1));
                sent.put(ok.messageId(), i);
                if (refusedEvery > 0 && i % refusedEvery == refusedEvery - 1) {
                    expectedDeadLetters.put(ok.messageId(), REFUSED_REASON);
                }
            });
        }
    }

    /** Returns the pipeline under test, writing through a new sink to this scenario's database. */
    Pipeline pipeline() {
        return pipeline(sink(database.url()));
    }

    /** Returns the pipeline under test writing through the given sink; the scenario closes what it opens. */
    Pipeline pipeline(PostgresSink sink) {
        return stage().to(track(sink));
    }

    /** Returns the pipeline under test before its sink, to change a setting; the scenario closes its source. */
    PipelineStage stage() {
        SqsSource source = SqsSource.builder().client(sqs).queueUrl(queueUrl).waitTime(Duration.ofSeconds(1)).build();
        return stage(track(source), SqsDeadLetters.of(sqs, deadLetterQueueUrl));
    }

    /** Returns a sink writing to this scenario's database, closed with the scenario. */
    PostgresSink newSink() {
        return track(sink(database.url()));
    }

    private <T extends AutoCloseable> T track(T resource) {
        resources.add(resource);
        return resource;
    }

    /** The pipeline every scenario runs, also in a child JVM ({@link PipelineProcess}), before its sink. */
    static PipelineStage stage(SqsSource source, SqsDeadLetters deadLetters) {
        return Pipeline.from(source)
                .mask("ip", Maskers.hmac(KEYRING))
                .deadLetters(deadLetters, KEYRING)
                .batching(20, Duration.ofMillis(50))
                .pollers(2)
                .writers(2)
                .pollWait(Duration.ofMillis(500))
                .retry(Duration.ofMillis(50), Duration.ofMillis(500));
    }

    /** The sink every scenario uses, connecting with the given JDBC URL. */
    static PostgresSink sink(String url) {
        return PostgresSink.into(TABLE).url(url)
                .column("message_id", Columns.messageId())
                .column("user_id", "user_id")
                .column("masked_ip", "ip")
                .column("n", "n")
                .build();
    }

    long rows() {
        return database.count("SELECT count(*) FROM " + TABLE);
    }

    /** Returns the number of messages on the queue, visible or in flight (ElasticMQ counts exactly). */
    int queueDepth() {
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(r -> r.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    /** Returns the number of dead letters stored, without receiving them. */
    int deadLetterDepth() {
        return Integer.parseInt(sqs.getQueueAttributes(r -> r.queueUrl(deadLetterQueueUrl)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes()
                .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
    }

    /** Waits until no message of the queue is in flight (their visibility expired, or they were deleted). */
    void awaitNoneInFlight(Duration timeout) {
        Waits.await("no message in flight", timeout, () -> Integer.parseInt(sqs.getQueueAttributes(r -> r
                .queueUrl(queueUrl).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                .attributes().get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)) == 0);
    }

    /** Terminates every backend of this scenario's database that the sink opened (application name maskpipe). */
    int terminateSinkBackends() {
        return admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '"
                + databaseName + "' AND application_name = 'maskpipe'").size();
    }

    SqsClient sqs() {
        return sqs;
    }

    URI sqsEndpoint() {
        return sqsEndpoint;
    }

    String queueUrl() {
        return queueUrl;
    }

    Duration visibility() {
        return visibility;
    }

    String deadLetterQueueUrl() {
        return deadLetterQueueUrl;
    }

    Database admin() {
        return admin;
    }

    String databaseName() {
        return databaseName;
    }

    /** Returns this scenario's database, connecting as the server URL's user. */
    Database database() {
        return database;
    }

    /** Returns the ids of the messages sent, each with its number. */
    Map<String, Integer> sent() {
        return Collections.unmodifiableMap(sent);
    }

    /** Returns the ids of the messages that must end as a dead letter, each with its reason code. */
    Map<String, String> expectedDeadLetters() {
        return Collections.unmodifiableMap(expectedDeadLetters);
    }

    @Override
    public void close() {
        synchronized (resources) {
            for (AutoCloseable resource : resources) {
                try {
                    resource.close();
                } catch (Exception e) {
                    // the test's own verdict matters more than a failed cleanup
                }
            }
        }
        sqs.deleteQueue(r -> r.queueUrl(queueUrl));
        sqs.deleteQueue(r -> r.queueUrl(deadLetterQueueUrl));
        try {
            admin.execute("DROP DATABASE IF EXISTS " + databaseName + " WITH (FORCE)");
        } catch (IllegalStateException e) {
            // a restarted server may be gone already
        }
    }
}
