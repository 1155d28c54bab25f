package io.maskpipe.benchmarks;

import io.maskpipe.core.key.Keyring;
import io.maskpipe.core.Masker;
import io.maskpipe.core.Maskers;
import io.maskpipe.core.Pipeline;
import io.maskpipe.core.PipelineSummary;
import io.maskpipe.core.record.Record;
import io.maskpipe.core.PipelineListener;
import io.maskpipe.examples.LoginEventGenerator;
import io.maskpipe.postgres.PostgresSink;
import io.maskpipe.sqs.SqsDeadLetters;
import io.maskpipe.sqs.SqsSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The real path measured side by side in one run: ElasticMQ in a child JVM and PostgreSQL in its own processes (zonky,
 * or {@code MASKPIPE_TEST_PG_URL}), both on loopback; N generated login events preloaded per phase; then the pipeline
 * {@code SqsSource -> mask ip and device_id (Maskers.hmac) -> PostgresSink} into {@code user_logins} with the ledger,
 * set up as the user-logins example runs it, beside (a) the same SDK client doing receive(10) + DeleteMessageBatch,
 * (b) the JDK's HTTP client speaking SQS's JSON protocol, (c) plain COPY of the same rows and the sink alone, and
 * (d) the naive loop. Every phase reports msgs/s and this JVM's CPU per message in its steady state (20 % to 80 % of
 * its messages, after a warm-up run of each); the servers' CPU is theirs, not counted. {@code --jfr} adds profiled
 * reruns of the pipeline and the SDK loop, summarised by area.
 *
 * <p>Run with {@code ./mvnw -q -B -ntp -pl benchmarks -am package -DskipTests -Pe2e -De2e.args="--messages 50000"};
 * options in {@link HarnessOptions}; with {@code --drain N} it drains a backlog in a small heap instead
 * ({@link DrainHarness}); figures and their reading in {@code docs/performance.md}.
 *
 * @since 0.1.0
 */
public final class EndToEndHarness {
    static final String SCHEMA = "maskpipe_e2e";

    private final HarnessOptions options;
    private final ElasticMqProcess queue;
    private final PostgresServer database;
    private final SqsClient admin;
    private final String deadLetterQueue;
    private final Masker masker;
    private final AtomicInteger queues = new AtomicInteger();

    private EndToEndHarness(HarnessOptions options, ElasticMqProcess queue, PostgresServer database,
                            SqsClient admin, Masker masker) {
        this.options = options;
        this.queue = queue;
        this.database = database;
        this.admin = admin;
        this.masker = masker;
        this.deadLetterQueue = admin.createQueue(r -> r.queueName("login-queue-dlq")).queueUrl();
    }

    /**
     * Runs every phase and prints the figures.
     *
     * @param args the options of {@link HarnessOptions}
     * @throws Exception when a server or a phase fails
     */
    public static void main(String[] args) throws Exception {
        if (List.of(args).contains("--drain")) { // the drain measurement in -Xmx64m: its own runner
            DrainHarness.main(args);
            return;
        }
        HarnessOptions options = HarnessOptions.parse(args);
        // The url-connection client pools through the JDK's keep-alive cache, which keeps 5 idle connections per
        // host unless told otherwise: enough for every thread, as the apache5 client's pool is.
        System.setProperty("http.maxConnections", System.getProperty("http.maxConnections", "64"));
        // The JDK HttpClient keeps idle connections 20 minutes, ElasticMQ's server (pekko-http) 60 s: stay below it.
        System.setProperty("jdk.httpclient.keepalive.timeout",
                System.getProperty("jdk.httpclient.keepalive.timeout", "30"));
        Path work = Path.of(System.getProperty("e2e.dir", "target/e2e"));
        Files.createDirectories(work);
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Masker masker = Maskers.hmac(Keyring.of("k1", key));
        try (ElasticMqProcess queue = ElasticMqProcess.start(work, "1g");
             PostgresServer database = PostgresServer.startOrConnect();
             SqsClient admin = SqsHttpClient.URL_CONNECTION.sqs(queue.endpoint(), 16)) {
            new EndToEndHarness(options, queue, database, admin, masker).run(work);
        }
    }

    private void run(Path work) throws Exception {
        SteadyMeter.watchServers(new ServerCpu(queue.pid(), database.postmasterPid()));
        HarnessReport report = new HarnessReport(System.out, options);
        report.header(queue.pid(), queue.endpoint(), database.describe());
        database.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE", "CREATE SCHEMA " + SCHEMA,
                String.format(CopyPhases.DDL, SCHEMA + ".user_logins"),
                String.format(CopyPhases.DDL, SCHEMA + ".user_logins_copy"),
                String.format(CopyPhases.DDL, SCHEMA + ".user_logins_naive"));
        List<String> bodies = LoginEventGenerator.seeded(2026, 0).next(options.messages());
        List<String> warm = LoginEventGenerator.seeded(7, 0).next(options.warmup());
        List<Record> rows = CopyPhases.records(bodies, masker);
        List<Record> warmRows = CopyPhases.records(warm, masker);
        RawSqsClient raw = new RawSqsClient(queue.endpoint());

        // The JIT goes on compiling long after the first pass (the pipeline's code is the SDK's and more): a phase
        // measured while it does pays the compiler's CPU. Each warm-up round prints the JIT's time per message.
        System.out.println("warm-up: every contender " + options.warmupRounds() + " times on " + warm.size()
                + " messages...");
        for (int round = 1; round <= options.warmupRounds(); round++) {
            List<String> jit = new ArrayList<>();
            for (SqsHttpClient client : options.clients()) {
                if (options.runs("pipeline")) {
                    jit.add("pipeline, " + client.label() + ": " + jitText(pipeline(client, warm, null)));
                }
                if (options.runs("sdk")) {
                    jit.add("SDK loop, " + client.label() + ": " + jitText(sdk(client, warm, false, null)));
                }
                if (options.runs("hand")) {
                    jit.add("hand-written, " + client.label() + ": " + jitText(handWritten(client, warm)));
                }
            }
            if (options.runs("sdk-attrs")) {
                jit.add("SDK loop + attributes: " + jitText(sdk(options.clients().get(0), warm, true, null)));
            }
            if (options.only().isEmpty()) {
                rawCeiling(raw, warm);
                database(warmRows);
            }
            System.out.println("  warm-up round " + round + ", JIT time per message in the steady window: "
                    + String.join("; ", jit));
        }

        report.tableHeader();
        List<PhaseResult> results = new ArrayList<>();
        for (int round = 1; round <= options.rounds(); round++) {
            if (options.rounds() > 1) {
                System.out.println("round " + round + " of " + options.rounds());
            }
            for (SqsHttpClient client : options.clients()) {
                if (options.runs("pipeline")) {
                    results.add(report.phase(pipeline(client, bodies, null)));
                }
                if (options.runs("sdk")) {
                    results.add(report.phase(sdk(client, bodies, false, null)));
                }
                if (options.runs("hand")) {
                    results.add(report.phase(handWritten(client, bodies)));
                }
            }
            if (options.runs("sdk-attrs")) {
                results.add(report.phase(sdk(options.clients().get(0), bodies, true, null)));
            }
            if (options.only().isEmpty()) {
                results.add(report.phase(rawCeiling(raw, bodies)));
                results.addAll(database(rows).stream().map(report::phase).toList());
            }
        }
        if (!options.only().isEmpty()) {
            report.summary(results);
            profiles(work);
            return;
        }
        String naiveQueue = fill(bodies.subList(0, Math.min(bodies.size(), options.naiveMax())));
        try (SqsClient sqs = options.clients().get(0).sqs(queue.endpoint(), 4)) {
            results.add(report.phase(SqsLoops.naive(sqs, naiveQueue, database.url(), SCHEMA + ".user_logins_naive",
                    masker, options.naiveMax(), options.naiveSeconds())));
        } finally {
            admin.deleteQueue(r -> r.queueUrl(naiveQueue));
        }
        report.summary(results);
        profiles(work);
    }

    /** With {@code --jfr}: a profiled rerun of the pipeline and the SDK loop (those {@code --only} names). */
    private void profiles(Path work) throws Exception {
        if (!options.jfr()) {
            return;
        }
        List<String> bodies = LoginEventGenerator.seeded(2026, 0).next(options.messages());
        for (SqsHttpClient client : options.clients()) {
            if (options.runs("pipeline")) {
                pipeline(client, bodies, work.resolve("pipeline-" + client.label() + ".jfr"));
            }
            if (options.runs("sdk")) {
                sdk(client, bodies, false, work.resolve("sdk-" + client.label() + ".jfr"));
            }
        }
    }

    /**
     * The user-logins pipeline as {@code LoginsExample.pipeline} builds it, on a queue holding {@code bodies};
     * profiled (after the queue is filled) into {@code profile} unless that is null.
     */
    private PhaseResult pipeline(SqsHttpClient client, List<String> bodies, Path profile) throws Exception {
        String queueUrl = fill(bodies);
        resetTables();
        SteadyMeter meter = SteadyMeter.between(bodies.size() / 5, bodies.size() * 4L / 5);
        PipelineListener counter = new PipelineListener() {
            @Override
            public void written(int count) {
                meter.add(count);
            }
        };
        SqsCallCounter calls = new SqsCallCounter();
        try (SqsClient sqs = client.sqs(queue.endpoint(), options.threads() + 8, calls);
             SqsSource source = SqsSource.builder().client(sqs).queueUrl(queueUrl).build();
             PostgresSink sink = CopyPhases.sink(database.url(), SCHEMA)) {
            Pipeline pipeline = Pipeline.from(source)
                    .require("user_id", "device_type", "ip", "device_id", "app_version")
                    .keepOnly("user_id", "device_type", "ip", "device_id", "locale", "app_version")
                    .mask("ip", masker)
                    .mask("device_id", masker)
                    .deadLettersUnsealed(SqsDeadLetters.of(sqs, deadLetterQueue))
                    .batching(options.batch(), Duration.ofMillis(200))
                    .pollers(options.pollers())
                    .writers(options.writers())
                    .maxInFlight(options.maxInFlight())
                    .pollWait(Duration.ofMillis(250))
                    .listener(counter)
                    .to(sink);
            JfrProfile recording = profile == null ? null : JfrProfile.start();
            long start = System.nanoTime();
            PipelineSummary summary = pipeline.run();
            long nanos = System.nanoTime() - start;
            if (summary.written() != bodies.size()) {
                throw new IllegalStateException("pipeline wrote " + summary.written() + " of " + bodies.size()
                        + " (duplicates " + summary.duplicates() + ", rejected " + summary.rejected() + ")");
            }
            PhaseResult result = new PhaseResult("pipeline, " + client.label() + " (" + options.pollers() + "p "
                    + options.writers() + "w, batch " + options.batch() + ", in flight " + options.maxInFlight() + ")",
                    summary.written(), nanos, meter.window())
                    .withNote(calls.perHundred(summary.written()));
            profiled(recording, profile, result);
            return result;
        } finally {
            admin.deleteQueue(r -> r.queueUrl(queueUrl));
        }
    }

    private PhaseResult sdk(SqsHttpClient client, List<String> bodies, boolean attributes, Path profile)
            throws Exception {
        String queueUrl = fill(bodies);
        SqsCallCounter calls = new SqsCallCounter();
        try (SqsClient sqs = client.sqs(queue.endpoint(), options.threads() + 4, calls)) {
            JfrProfile recording = profile == null ? null : JfrProfile.start();
            PhaseResult result = SqsLoops.sdkCeiling((attributes ? "SDK loop + SqsSource's attributes, "
                    : "SDK ceiling, ") + client.label() + " (" + options.threads() + " threads)", sqs, queueUrl,
                    options.threads(), bodies.size(), attributes);
            result = result.withNote(calls.perHundred(result.messages()));
            profiled(recording, profile, result);
            return result;
        } finally {
            admin.deleteQueue(r -> r.queueUrl(queueUrl));
        }
    }

    private static String jitText(PhaseResult result) {
        long messages = result.steady().messages();
        return messages == 0 ? "?" : String.format(java.util.Locale.ROOT, "%.1f us",
                result.steady().jvm().jitMillis() * 1e3 / messages);
    }

    private PhaseResult handWritten(SqsHttpClient client, List<String> bodies) throws Exception {
        String queueUrl = fill(bodies);
        resetTables();
        SqsCallCounter calls = new SqsCallCounter();
        try (SqsClient sqs = client.sqs(queue.endpoint(), options.threads() + 4, calls)) {
            // A fifth of the pipeline's batch per thread: its 12 threads then hold about what the pipeline holds in
            // flight, and the steady window sees many COPYs rather than one burst per thread.
            int batch = Math.max(10, options.batch() / 5);
            PhaseResult result = SqsLoops.handWritten("hand-written loader, " + client.label() + " ("
                    + options.threads() + " threads, COPY of " + batch + ")", sqs, queueUrl, database.url(),
                    SCHEMA + ".user_logins_copy", masker, options.threads(), batch, bodies.size());
            return result.withNote(calls.perHundred(result.messages()));
        } finally {
            admin.deleteQueue(r -> r.queueUrl(queueUrl));
        }
    }

    private PhaseResult rawCeiling(RawSqsClient raw, List<String> bodies) throws Exception {
        String queueUrl = fill(bodies);
        try {
            return SqsLoops.rawCeiling("raw ceiling, JDK HttpClient (" + options.threads() + " threads)", raw,
                    queueUrl, options.threads(), bodies.size());
        } finally {
            admin.deleteQueue(r -> r.queueUrl(queueUrl));
        }
    }

    /** The sink alone, then plain COPY, on the same rows and batch size as the pipeline. */
    private List<PhaseResult> database(List<Record> rows) throws Exception {
        resetTables();
        PhaseResult sink = CopyPhases.sinkAlone(database.url(), SCHEMA, rows, options.batch());
        resetTables();
        PhaseResult copy = CopyPhases.plainCopy(database.url(), SCHEMA + ".user_logins_copy", rows, options.batch());
        return List.of(sink, copy);
    }

    private static void profiled(JfrProfile recording, Path file, PhaseResult result) throws Exception {
        if (recording != null) {
            try (recording) {
                recording.stopAndSummarize(file, String.format(java.util.Locale.ROOT,
                        "%s on %,d messages (%,.0f msgs/s, %.1f us CPU/msg while recorded)", result.name(),
                        result.messages(), result.rate(), result.cpuMicrosPerMessage()), System.out);
            }
        }
    }

    /** A fresh queue holding the bodies; visibility 60 s so nothing comes back during a phase. */
    private String fill(List<String> bodies) throws Exception {
        String url = admin.createQueue(r -> r.queueName("e2e-" + queues.incrementAndGet())
                .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "60"))).queueUrl();
        SqsLoops.fill(admin, url, bodies);
        return url;
    }

    private void resetTables() throws SQLException {
        database.execute("TRUNCATE " + SCHEMA + ".user_logins", "TRUNCATE " + SCHEMA + ".user_logins_copy",
                "DROP TABLE IF EXISTS " + SCHEMA + ".maskpipe_ledger");
        try {
            database.execute("CHECKPOINT");
        } catch (SQLException e) {
            // not a superuser on an external server: the phases then share whatever the server has pending
        }
        System.gc();
    }
}
