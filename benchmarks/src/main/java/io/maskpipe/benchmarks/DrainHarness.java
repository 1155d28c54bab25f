package io.maskpipe.benchmarks;

import static io.maskpipe.benchmarks.CommandLine.number;
import static io.maskpipe.benchmarks.CommandLine.text;

import io.maskpipe.examples.LoginEventGenerator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * Drains a backlog with the user-logins example in a small heap: preloads N of the example's generated login events
 * (seed 2026, one in 40 malformed, as the example sends them) into a fresh queue of an ElasticMQ in its own JVM, then
 * runs the example exactly as it ships ({@code UserLoginsPipeline}: apache5, 4 pollers, 2 writers, 4,000 in flight,
 * the ledger, dead letters) in a child JVM with {@code -Xmx64m} until it reports the queue drained, into
 * {@code user_logins} of a PostgreSQL in its own processes. It samples the child's heap over the run
 * ({@link HeapSampler}), prints the post-GC used heap per tenth of the drain with a verdict of flatness, the
 * collections, the rate and the CPU per message ({@link DrainReport}), then counts every message: rows, ledger
 * entries, dead letters and what is left on the queue.
 *
 * <p>Run with {@code ./mvnw -q -B -ntp -pl benchmarks -am package -DskipTests -Pe2e -De2e.args="--drain 1000000"}
 * (the end-to-end harness hands {@code --drain} over to this); further options {@code --heap 64m} (the child's
 * {@code -Xmx}), {@code --queue-heap 3g} (ElasticMQ's), {@code --senders 8} (preloading threads) and {@code --jfr}
 * (a flight recording of the child with old-object samples and their paths to GC roots). Figures and their reading
 * are in {@code docs/performance.md}.
 *
 * @since 0.1.0
 */
public final class DrainHarness {
    static final String SCHEMA = "maskpipe_drain";
    /** The example's own seed and rate of malformed messages ({@code LoginsExample.SEED}, {@code MALFORMED_EVERY}). */
    private static final long SEED = 2026;
    private static final int MALFORMED_EVERY = 40;
    private static final long PROGRESS_EVERY_MILLIS = 500;
    private static final Pattern ENDED = Pattern.compile("PipelineEngine - (.*) ended: (.*)$");

    private DrainHarness() {
    }

    /**
     * Preloads, drains, reports; exits with 1 when the pipeline did not drain the queue or a message is missing or
     * doubled.
     *
     * @param args {@code --drain N} and the options above
     * @throws Exception when a server, the preload or the child fails
     */
    public static void main(String[] args) throws Exception {
        int messages = number(args, "--drain", 1_000_000);
        String heap = text(args, "--heap", "64m");
        String queueHeap = text(args, "--queue-heap", "3g");
        int senders = number(args, "--senders", 8);
        boolean jfr = List.of(args).contains("--jfr");
        for (String arg : args) {
            if (arg.startsWith("--") && !List.of("--drain", "--heap", "--queue-heap", "--senders", "--jfr")
                    .contains(arg)) {
                throw new IllegalArgumentException("unknown drain option " + arg);
            }
        }
        Path work = Path.of(System.getProperty("e2e.dir", "target/e2e")).toAbsolutePath();
        Files.createDirectories(work);
        try (ElasticMqProcess queue = ElasticMqProcess.start(work, queueHeap);
             PostgresServer database = PostgresServer.startOrConnect();
             SqsClient sqs = SqsHttpClient.APACHE5.sqs(queue.endpoint(), senders + 4)) {
            System.out.printf(Locale.ROOT, "drain: %,d messages; ElasticMQ 1.7 in its own JVM (pid %d, -Xmx%s, %s); "
                    + "%s%n", messages, queue.pid(), queueHeap, queue.endpoint(), database.describe());
            database.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE", "CREATE SCHEMA " + SCHEMA);
            String dlq = sqs.createQueue(r -> r.queueName("login-queue-dlq")).queueUrl();
            String url = sqs.createQueue(r -> r.queueName("login-queue")
                    .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "30"))).queueUrl();

            long started = System.nanoTime();
            long wellFormed = preload(sqs, url, messages, senders);
            double seconds = (System.nanoTime() - started) / 1e9;
            long[] held = counts(sqs, url);
            System.out.printf(Locale.ROOT, "preload: %,d messages (%,d well-formed) in %.1f s with %d threads of "
                    + "SendMessageBatch (%,.0f msgs/s); the queue holds %,d visible, %,d in flight%n", messages,
                    wellFormed, seconds, senders, messages / seconds, held[0], held[1]);
            if (held[0] != messages || held[1] != 0) {
                throw new IllegalStateException("the queue holds " + held[0] + " visible and " + held[1]
                        + " in flight, not the " + messages + " sent");
            }

            String jdbcUrl = database.url() + (database.url().contains("?") ? "&" : "?") + "currentSchema=" + SCHEMA;
            Path samples = work.resolve("drain-heap.txt");
            Path childOut = work.resolve("drain-child.out");
            Path childErr = work.resolve("drain-child.err");
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-Xmx" + heap, "-XX:+HeapDumpOnOutOfMemoryError", "-XX:HeapDumpPath=" + work,
                    // the engine's own closing line, "ended: ... drained=true", which the example does not print
                    "-Dorg.slf4j.simpleLogger.log.io.maskpipe.core.engine.PipelineEngine=info"));
            if (jfr) {
                command.add("-XX:StartFlightRecording=dumponexit=true,settings=profile,path-to-gc-roots=true,"
                        + "filename=" + work.resolve("drain-child.jfr"));
            }
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), DrainChildMain.class.getName(),
                    samples.toString(), "--queue-url", url, "--dlq-url", dlq, "--sqs-endpoint",
                    queue.endpoint().toString(), "--jdbc-url", jdbcUrl, "--messages", "0",
                    "--key-env", "MASKPIPE_DRAIN_KEYS"));
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(childOut.toFile())
                    .redirectError(childErr.toFile());
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            builder.environment().put("MASKPIPE_DRAIN_KEYS", "k1:" + Base64.getEncoder().encodeToString(key));
            builder.environment().put("AWS_ACCESS_KEY_ID", "local");
            builder.environment().put("AWS_SECRET_ACCESS_KEY", "local");
            builder.environment().put("AWS_EC2_METADATA_DISABLED", "true");

            System.out.printf(Locale.ROOT, "running UserLoginsPipeline in a child JVM with -Xmx%s (output: %s, %s)%n",
                    heap, childOut, childErr);
            ServerCpu servers = new ServerCpu(queue.pid(), database.postmasterPid());
            List<DrainReport.Point> points = new ArrayList<>();
            Process child = builder.start();
            ProcessHandle handle = child.toHandle();
            long lastPrint = System.currentTimeMillis();
            while (true) {
                boolean alive = child.isAlive();
                long[] left = counts(sqs, url);
                long[] serverCpu = servers.read();
                long childCpu = handle.info().totalCpuDuration().map(d -> d.toNanos()).orElse(-1L);
                long now = System.currentTimeMillis();
                if (alive && childCpu >= 0) { // a process that has ended has no counters left to read
                    points.add(new DrainReport.Point(now, messages - left[0] - left[1] - left[2], left[1], childCpu,
                            serverCpu[0], serverCpu[1]));
                }
                if (now - lastPrint >= 30_000) {
                    lastPrint = now;
                    System.out.printf(Locale.ROOT, "  %,d of %,d gone from the queue%n",
                            messages - left[0] - left[1] - left[2], messages);
                }
                if (!alive) {
                    break;
                }
                child.waitFor(PROGRESS_EVERY_MILLIS, TimeUnit.MILLISECONDS);
            }
            int status = child.exitValue();
            Optional<String> ended = endedLine(childErr);
            System.out.printf(Locale.ROOT, "the example exited with %d; the engine's summary: %s%n", status,
                    ended.orElse("(none: see " + childErr + ")"));
            boolean drained = status == 0 && ended.map(e -> e.contains(" drained=true ")).orElse(false);

            DrainReport report = DrainReport.read(messages, points, samples);
            boolean flat = report.print(System.out, heap);
            boolean accounted = account(sqs, url, dlq, database, messages, wellFormed);
            System.out.printf(Locale.ROOT, "%nresult: %s, heap %s, %s%n", drained ? "drained" : "NOT DRAINED",
                    flat ? "flat" : "NOT FLAT",
                    accounted ? "every message accounted for" : "MESSAGES MISSING OR DOUBLED");
            if (!drained || !accounted) {
                System.exit(1);
            }
        }
    }

    /**
     * Sends the example's generated events with {@code SendMessageBatch} of ten from {@code senders} threads, as
     * fast as the server takes them; returns how many are well-formed (a complete JSON object with a device id: the
     * other three kinds the generator makes are rejected by the example).
     */
    static long preload(SqsClient sqs, String url, int messages, int senders) throws InterruptedException {
        LoginEventGenerator events = LoginEventGenerator.seeded(SEED, MALFORMED_EVERY);
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(senders, senders, 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(senders * 8), new ThreadPoolExecutor.CallerRunsPolicy());
        long wellFormed = 0;
        try {
            for (int sent = 0; sent < messages && failure.get() == null; sent += 10) {
                List<String> bodies = events.next(Math.min(10, messages - sent));
                for (String body : bodies) {
                    if (body.endsWith("}") && body.contains("\"device_id\"")) {
                        wellFormed++;
                    }
                }
                pool.execute(() -> {
                    try {
                        List<SendMessageBatchRequestEntry> entries = new ArrayList<>(bodies.size());
                        for (int i = 0; i < bodies.size(); i++) {
                            entries.add(SendMessageBatchRequestEntry.builder().id("m" + i).messageBody(bodies.get(i))
                                    .build());
                        }
                        if (!sqs.sendMessageBatch(r -> r.queueUrl(url).entries(entries)).failed().isEmpty()) {
                            throw new IllegalStateException("SendMessageBatch: some entries refused");
                        }
                    } catch (RuntimeException e) {
                        failure.compareAndSet(null, e);
                    }
                });
            }
        } finally {
            pool.shutdown();
            pool.awaitTermination(1, TimeUnit.HOURS);
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        return wellFormed;
    }

    /** Counts what the run left: rows, distinct users, ledger entries, dead letters, the queue; returns all tallied. */
    private static boolean account(SqsClient sqs, String url, String dlq, PostgresServer database, long messages,
            long wellFormed) throws SQLException {
        long rows;
        long users;
        long ledger;
        try (Connection connection = DriverManager.getConnection(database.url());
             Statement statement = connection.createStatement()) {
            try (ResultSet r = statement.executeQuery("SELECT count(*), count(DISTINCT user_id) FROM " + SCHEMA
                    + ".user_logins")) {
                r.next();
                rows = r.getLong(1);
                users = r.getLong(2);
            }
            try (ResultSet r = statement.executeQuery("SELECT to_regclass('" + SCHEMA + ".maskpipe_ledger')")) {
                r.next();
                ledger = r.getString(1) == null ? -1 : -2;
            }
            if (ledger == -2) {
                try (ResultSet r = statement.executeQuery("SELECT count(*) FROM " + SCHEMA + ".maskpipe_ledger")) {
                    r.next();
                    ledger = r.getLong(1);
                }
            }
        }
        long[] letters = counts(sqs, dlq);
        long[] left = counts(sqs, url);
        long deadLetters = letters[0] + letters[1] + letters[2];
        long leftOver = left[0] + left[1] + left[2];
        System.out.printf(Locale.ROOT, "%nAccounting: sent %,d (%,d well-formed, %,d malformed)%n", messages,
                wellFormed, messages - wellFormed);
        System.out.printf(Locale.ROOT, "  rows in user_logins %,d (distinct user ids %,d); ledger entries %s; "
                + "dead letters %,d; left on the queue %,d (visible %,d, in flight %,d, delayed %,d)%n", rows, users,
                ledger < 0 ? "(no ledger table)" : String.format(Locale.ROOT, "%,d", ledger), deadLetters, leftOver,
                left[0], left[1], left[2]);
        boolean ok = rows == wellFormed && users == rows && ledger == rows && deadLetters == messages - wellFormed
                && leftOver == 0;
        System.out.printf(Locale.ROOT, "  rows + dead letters = %,d of %,d sent: %s%n", rows + deadLetters, messages,
                ok ? "nothing lost, nothing doubled" : "MISMATCH");
        return ok;
    }

    /** The queue's visible, in-flight and delayed messages (exact on ElasticMQ). */
    private static long[] counts(SqsClient sqs, String url) {
        Map<QueueAttributeName, String> a = sqs.getQueueAttributes(r -> r.queueUrl(url).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
        return new long[] {Long.parseLong(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)),
                Long.parseLong(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)),
                Long.parseLong(a.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED))};
    }

    /** The engine's "ended: ..." line in the child's standard error (counts and flags only), if it logged one. */
    private static Optional<String> endedLine(Path childErr) throws java.io.IOException {
        Optional<String> found = Optional.empty();
        for (String line : Files.readAllLines(childErr, StandardCharsets.UTF_8)) {
            Matcher m = ENDED.matcher(line);
            if (m.find()) {
                found = Optional.of(m.group(2));
            }
        }
        return found;
    }
}
