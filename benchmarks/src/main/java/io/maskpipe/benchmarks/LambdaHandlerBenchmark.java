package io.maskpipe.benchmarks;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.maskpipe.core.Maskers;
import io.maskpipe.core.Pipeline;
import io.maskpipe.core.key.Keyring;
import io.maskpipe.core.spi.Source;
import io.maskpipe.lambda.SqsBatchHandler;
import io.maskpipe.postgres.Columns;
import io.maskpipe.postgres.PostgresSink;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The cost of the Lambda handler: the first invocation in a fresh JVM (what a cold start adds on top of the JVM and
 * the runtime), and the wall and CPU time per message of warm invocations at batch sizes 10 to 10,000, writing the
 * user-logins rows (masked, with the ledger) into a PostgreSQL in its own process.
 *
 * <p>Run: {@code ./mvnw -q -pl benchmarks -am package -DskipTests} then {@code unshare --user java -cp
 * benchmarks/target/benchmarks.jar io.maskpipe.benchmarks.LambdaHandlerBenchmark} (the {@code unshare} only as root,
 * for the embedded server), or set {@code MASKPIPE_BENCH_PG_URL}. The handler runs in the calling thread, so the
 * thread's CPU time is maskpipe's own (decoding, masking, the sink's encoding and the JDBC client), without the
 * database's.
 */
public final class LambdaHandlerBenchmark {
    private static final int[] BATCHES = {10, 100, 1_000, 10_000};
    private static final int MESSAGES_PER_SIZE = 40_000;

    private LambdaHandlerBenchmark() {
    }

    /**
     * Runs the benchmark and prints a table.
     *
     * @param args ignored
     * @throws Exception when the database fails
     */
    public static void main(String[] args) throws Exception {
        long jvmStart = System.nanoTime();
        String external = System.getenv("MASKPIPE_BENCH_PG_URL");
        EmbeddedPostgres server = external == null ? EmbeddedPostgres.builder().start() : null;
        String url = external != null ? external : server.getJdbcUrl("postgres", "postgres");
        try (Connection admin = DriverManager.getConnection(url)) {
            admin.createStatement().execute("DROP TABLE IF EXISTS lambda_logins; DROP TABLE IF EXISTS maskpipe_ledger;"
                    + " CREATE TABLE lambda_logins(user_id varchar(128), device_type varchar(32),"
                    + " masked_ip varchar(256), masked_device_id varchar(256), locale varchar(32),"
                    + " app_version integer, create_date date)");
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long serverReady = System.nanoTime();
        Handler handler = new Handler(url);
        long first = System.nanoTime();
        check(handler.handleRequest(event(0, 10), null));
        long firstDone = System.nanoTime();
        System.out.printf(Locale.ROOT, "first invocation of 10 messages in a fresh JVM: %d ms (handler built,"
                + " key ring, maskers, sink opened, classes loaded); server start %d ms not counted%n",
                (firstDone - first) / 1_000_000, (serverReady - jvmStart) / 1_000_000);
        System.out.printf(Locale.ROOT, "%-8s %12s %14s %14s%n", "batch", "msgs/s", "wall us/msg", "cpu us/msg");
        int next = 10;
        for (int batch : BATCHES) {
            int invocations = Math.max(3, MESSAGES_PER_SIZE / batch);
            for (int warm = 0; warm < Math.max(2, invocations / 5); warm++) { // warm-up, not counted
                check(handler.handleRequest(event(next, batch), null));
                next += batch;
            }
            long cpu = threads.getCurrentThreadCpuTime();
            long wall = System.nanoTime();
            for (int i = 0; i < invocations; i++) {
                check(handler.handleRequest(event(next, batch), null));
                next += batch;
            }
            double seconds = (System.nanoTime() - wall) / 1e9;
            double cpuMicros = (threads.getCurrentThreadCpuTime() - cpu) / 1e3;
            long messages = (long) invocations * batch;
            System.out.printf(Locale.ROOT, "%-8d %12.0f %14.1f %14.1f%n", batch, messages / seconds,
                    seconds * 1e6 / messages, cpuMicros / messages);
        }
        if (server != null) {
            server.close();
        }
    }

    private static void check(SQSBatchResponse response) {
        if (!response.getBatchItemFailures().isEmpty()) {
            throw new IllegalStateException(response.getBatchItemFailures().size() + " messages failed");
        }
    }

    /** A Lambda SQS event of {@code count} login messages, with ids from {@code first}. */
    private static SQSEvent event(int first, int count) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>(count);
        for (int i = first; i < first + count; i++) {
            SQSEvent.SQSMessage m = new SQSEvent.SQSMessage();
            m.setMessageId(String.format(Locale.ROOT, "00000000-0000-4000-8000-%012d", i));
            m.setReceiptHandle("handle-" + i);
            m.setBody("{\"user_id\":\"u-" + i + "\",\"device_type\":\"ios\",\"ip\":\"10." + (i >> 16 & 255) + "."
                    + (i >> 8 & 255) + "." + (i & 255) + "\",\"device_id\":\"dev-" + (i % 5000)
                    + "\",\"locale\":\"US\",\"app_version\":\"2.3.4\"}");
            m.setAttributes(Map.of("ApproximateReceiveCount", "1", "SentTimestamp", "1764460800000"));
            m.setEventSource("aws:sqs");
            records.add(m);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }

    /** The user-logins description, as a Lambda handler. */
    private static final class Handler extends SqsBatchHandler {
        private final String url;

        Handler(String url) {
            this.url = url;
        }

        @Override
        protected Pipeline pipeline(Source messages) {
            Keyring keyring = Keyring.of("k1", new byte[32]);
            return Pipeline.from(messages)
                    .require("user_id", "device_type", "ip", "device_id", "app_version")
                    .mask("ip", Maskers.hmac(keyring))
                    .mask("device_id", Maskers.hmac(keyring))
                    .batching(1000, Duration.ofMillis(200))
                    .to(PostgresSink.into("lambda_logins").url(url)
                            .column("user_id", "user_id").column("device_type", "device_type")
                            .column("masked_ip", "ip").column("masked_device_id", "device_id")
                            .column("locale", "locale")
                            .column("app_version", Columns.versionNumber("app_version"))
                            .column("create_date", Columns.sentDate())
                            .build());
        }
    }
}
