package io.maskpipe.benchmarks;

import io.maskpipe.core.Masker;
import io.maskpipe.core.Maskers;
import io.maskpipe.core.key.Keyring;
import io.maskpipe.core.record.Record;
import io.maskpipe.examples.LoginEventGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
 * reruns of the pipeline and the SDK loop, summarised by area. With {@code --jvm-per-contender} the pipeline, the
 * SDK loops and the hand-written loader each run in a JVM of their own for the whole run ({@link ContenderProcess}),
 * so each JIT compiles one contender's code and settles; the harness still fills the queues, resets the tables and
 * runs the raw ceiling, the database phases and the naive loop itself.
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
    private final Masker masker;
    private final String deadLetterQueue;
    private final ContenderPhases phases;
    /** The contenders' own JVMs by contender and client, with {@code --jvm-per-contender}; else empty. */
    private final Map<String, ContenderProcess> children = new LinkedHashMap<>();
    private final AtomicInteger queues = new AtomicInteger();

    private EndToEndHarness(HarnessOptions options, ElasticMqProcess queue, PostgresServer database,
                            SqsClient admin, Masker masker) {
        this.options = options;
        this.queue = queue;
        this.database = database;
        this.admin = admin;
        this.masker = masker;
        this.deadLetterQueue = admin.createQueue(r -> r.queueName("login-queue-dlq")).queueUrl();
        this.phases = new ContenderPhases(options, queue.endpoint(), deadLetterQueue, database.url(), masker);
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
        SqsHttpClient.jdkConnectionDefaults();
        Path work = Path.of(System.getProperty("e2e.dir", "target/e2e")).toAbsolutePath();
        Files.createDirectories(work);
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Masker masker = Maskers.hmac(Keyring.of("k1", key));
        try (ElasticMqProcess queue = ElasticMqProcess.start(work, "1g");
             PostgresServer database = PostgresServer.startOrConnect();
             SqsClient admin = SqsHttpClient.URL_CONNECTION.sqs(queue.endpoint(), 16)) {
            EndToEndHarness harness = new EndToEndHarness(options, queue, database, admin, masker);
            try {
                harness.run(work, args);
            } finally {
                harness.stopChildren();
            }
        }
    }

    private void run(Path work, String[] args) throws Exception {
        SteadyMeter.watchServers(new ServerCpu(queue.pid(), database.postmasterPid()));
        HarnessReport report = new HarnessReport(System.out, options);
        report.header(queue.pid(), queue.endpoint(), database.describe());
        database.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE", "CREATE SCHEMA " + SCHEMA,
                String.format(CopyPhases.DDL, SCHEMA + ".user_logins"),
                String.format(CopyPhases.DDL, SCHEMA + ".user_logins_copy"),
                String.format(CopyPhases.DDL, SCHEMA + ".user_logins_naive"));
        if (options.jvmPerContender()) {
            startChildren(work, args);
        }
        List<String> bodies = LoginEventGenerator.seeded(2026, 0).next(options.messages());
        List<String> warm = LoginEventGenerator.seeded(7, 0).next(options.warmup());
        List<Record> rows = CopyPhases.records(bodies, masker);
        List<Record> warmRows = CopyPhases.records(warm, masker);
        RawSqsClient raw = new RawSqsClient(queue.endpoint());
        boolean everything = options.only().isEmpty();
        SqsHttpClient first = options.clients().get(0);

        // The JIT goes on compiling long after the first pass (the pipeline's code is the SDK's and more): a phase
        // measured while it does pays the compiler's CPU. Each warm-up round prints the JIT's time per message.
        System.out.println("warm-up: every contender " + options.warmupRounds() + " times on " + warm.size()
                + " messages...");
        for (int round = 1; round <= options.warmupRounds(); round++) {
            List<String> jit = new ArrayList<>();
            for (SqsHttpClient client : options.clients()) {
                for (Contender contender : contenders()) {
                    jit.add(contender.label() + ", " + client.label() + ": "
                            + jitText(contender(contender, client, warm, null)));
                }
            }
            if (everything) {
                jit.add(Contender.SDK_ATTRIBUTES.label() + ", " + first.label() + ": "
                        + jitText(contender(Contender.SDK_ATTRIBUTES, first, warm, null)));
                rawCeiling(raw, warm);
                database(warmRows);
            }
            System.out.println("  warm-up round " + round + ", JIT time per message in the steady window, elapsed"
                    + " (its compiler threads' CPU): "
                    + String.join("; ", jit));
        }

        report.tableHeader();
        List<PhaseResult> results = new ArrayList<>();
        for (int round = 1; round <= options.rounds(); round++) {
            if (options.rounds() > 1) {
                System.out.println("round " + round + " of " + options.rounds());
            }
            for (SqsHttpClient client : options.clients()) {
                for (Contender contender : contenders()) {
                    results.add(report.phase(contender(contender, client, bodies, null)));
                }
            }
            if (everything) {
                results.add(report.phase(contender(Contender.SDK_ATTRIBUTES, first, bodies, null)));
                results.add(report.phase(rawCeiling(raw, bodies)));
                results.addAll(database(rows).stream().map(report::phase).toList());
            }
        }
        if (everything) {
            results.add(report.phase(naive(bodies)));
        }
        report.summary(results);

        if (options.jfr()) {
            for (SqsHttpClient client : options.clients()) {
                for (Contender contender : contenders()) {
                    if (contender != Contender.HAND) {
                        profiled(contender, client, bodies, work.resolve(contender.id() + "-" + client.label()
                                + ".jfr"));
                    }
                }
            }
        }
    }

    private PhaseResult naive(List<String> bodies) throws Exception {
        String naiveQueue = fill(bodies.subList(0, Math.min(bodies.size(), options.naiveMax())));
        try (SqsClient sqs = options.clients().get(0).sqs(queue.endpoint(), 4)) {
            return SqsLoops.naive(sqs, naiveQueue, database.url(), SCHEMA + ".user_logins_naive", masker,
                    options.naiveMax(), options.naiveSeconds());
        } finally {
            admin.deleteQueue(r -> r.queueUrl(naiveQueue));
        }
    }

    /**
     * The contenders of each client, in the order they run: pipeline, SDK loop, hand-written loader, and the SDK loop
     * with SqsSource's attributes when {@code --only} names it.
     */
    private List<Contender> contenders() {
        List<Contender> contenders = new ArrayList<>();
        for (Contender contender : List.of(Contender.PIPELINE, Contender.SDK, Contender.HAND)) {
            if (options.runs(contender.id())) {
                contenders.add(contender);
            }
        }
        if (options.only().contains("sdk-attrs")) { // when every phase runs it runs on the first client only
            contenders.add(Contender.SDK_ATTRIBUTES);
        }
        return contenders;
    }

    /**
     * One JVM per contender and client, each given the servers, the tables and the harness's own options; the
     * attributes variant of the SDK loop too, on the first client, when every phase runs.
     */
    private void startChildren(Path work, String[] args) throws Exception {
        List<String> childArgs = new ArrayList<>(List.of(queue.endpoint().toString(), deadLetterQueue, database.url(),
                Long.toString(queue.pid()), Long.toString(database.postmasterPid())));
        childArgs.addAll(List.of(args));
        for (SqsHttpClient client : options.clients()) {
            for (Contender contender : contenders()) {
                children.put(key(contender, client), ContenderProcess.start(contender, client, childArgs, work));
            }
        }
        if (options.only().isEmpty()) {
            SqsHttpClient first = options.clients().get(0);
            children.put(key(Contender.SDK_ATTRIBUTES, first),
                    ContenderProcess.start(Contender.SDK_ATTRIBUTES, first, childArgs, work));
        }
        List<String> pids = children.values().stream().map(c -> c.label() + " pid " + c.pid()).toList();
        System.out.printf(Locale.ROOT, "contenders in JVMs of their own (JVM options %s; logs %s/contender-*.log):"
                + " %s%n", ContenderProcess.jvmOptions(), work, String.join("; ", pids));
    }

    private void stopChildren() throws InterruptedException {
        for (ContenderProcess child : children.values()) {
            child.close();
        }
        children.clear();
    }

    private static String key(Contender contender, SqsHttpClient client) {
        return contender.id() + "/" + client.label();
    }

    /**
     * One phase of a contender on a fresh queue holding {@code bodies} (tables reset first when it writes rows), in
     * its own JVM when it has one, else in this one; profiled into {@code profile} unless that is null.
     */
    private PhaseResult contender(Contender contender, SqsHttpClient client, List<String> bodies, Path profile)
            throws Exception {
        String queueUrl = fill(bodies);
        if (contender.writesRows()) {
            resetTables();
        }
        try {
            ContenderProcess child = children.get(key(contender, client));
            return child != null ? child.run(queueUrl, bodies.size(), profile)
                    : phases.run(contender, client, queueUrl, bodies.size(), profile);
        } finally {
            admin.deleteQueue(r -> r.queueUrl(queueUrl));
        }
    }

    /** A flight-recorded phase of the contender, summarised by area. */
    private void profiled(Contender contender, SqsHttpClient client, List<String> bodies, Path file)
            throws Exception {
        PhaseResult result = contender(contender, client, bodies, file);
        JfrProfile.summarize(file, String.format(Locale.ROOT,
                "%s on %,d messages (%,.0f msgs/s, %.1f us CPU/msg while recorded)", result.name(),
                result.messages(), result.rate(), result.cpuMicrosPerMessage()), System.out);
    }

    private static String jitText(PhaseResult result) {
        long messages = result.steady().messages();
        SteadyMeter.JvmShare jvm = result.steady().jvm();
        return messages == 0 ? "?" : String.format(Locale.ROOT, "%.1f us (CPU %.1f us)",
                jvm.jitMillis() * 1e3 / messages, jvm.jitCpuNanos() / 1e3 / messages);
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
