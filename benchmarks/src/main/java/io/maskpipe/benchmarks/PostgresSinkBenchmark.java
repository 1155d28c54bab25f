package io.maskpipe.benchmarks;

import io.maskpipe.core.record.Metadata;
import io.maskpipe.core.record.Record;
import io.maskpipe.core.spi.WriteResult;
import io.maskpipe.postgres.PostgresSink;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.postgresql.PGConnection;

/**
 * Rows per second of {@link PostgresSink} (idempotent, one transaction per batch) at batch sizes 10, 100 and 1,000,
 * beside plain {@code COPY} of the same rows into the same table in the same run, one commit per batch each.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar io.maskpipe.benchmarks.PostgresSinkBenchmark} against
 * an embedded server (zonky, its own processes; as root run it through {@code tools/outside-root/bin/java}), or set
 * {@code MASKPIPE_BENCH_PG_URL} (or {@code MASKPIPE_TEST_PG_URL}) to a JDBC URL with credentials. Rounds alternate
 * between the contenders; the median of the rounds is reported, and the median of the per-round ratios, which is
 * steadier on a shared machine. Beside rows/s it prints each contender's CPU per row, medians of the rounds: this
 * JVM's (process CPU time) and, for a server on this machine, the database's (the postmaster and every process
 * under it, read while the contender's connections are open), and the bytes this JVM's live threads allocated per
 * row. Options: {@code --rounds N} (3),
 * {@code --batches 10,100,1000}, {@code --ledger-history N} (0: each round starts with no ledger; N: a ledger holding N
 * entries of earlier messages, as a sink that has run for a while has).
 */
public final class PostgresSinkBenchmark {
    private PostgresSinkBenchmark() {
    }

    /**
     * Runs the benchmark and prints a table of rows/s and ratios.
     *
     * @param args {@code --rounds N} (default 3) alternating rounds per batch size, and {@code --batches 10,100,1000}
     *     (the default) the batch sizes
     * @throws Exception when the database fails
     */
    public static void main(String[] args) throws Exception {
        int rounds = 3;
        int[] batches = {10, 100, 1000};
        for (int i = 0; i < args.length - 1; i += 2) {
            switch (args[i]) {
                case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
                case "--ledger-history" -> history = Integer.parseInt(args[i + 1]);
                case "--batches" -> batches = java.util.Arrays.stream(args[i + 1].split(","))
                        .mapToInt(b -> Integer.parseInt(b.trim())).toArray();
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        String external = System.getenv("MASKPIPE_BENCH_PG_URL");
        if (external == null || external.isBlank()) {
            external = System.getenv(PostgresServer.URL_VARIABLE);
        }
        if (external != null && external.isBlank()) {
            external = null;
        }
        EmbeddedPostgres server = external == null ? EmbeddedPostgres.builder().start() : null;
        String url = external != null ? external : server.getJdbcUrl("postgres", "postgres");
        try (Connection admin = DriverManager.getConnection(url)) {
            admin.createStatement().execute(String.format(CopyPhases.DDL, "user_logins"));
            cpu = new ServerCpu(-1, postmasterPid(admin, server != null || url.contains("127.0.0.1")
                    || url.contains("localhost")));
            if (history > 0) {
                fillHistory(url, admin);
            }
            System.out.printf(Locale.ROOT, "%-6s %-28s %12s %8s %10s %10s %10s%n", "batch", "contender", "rows/s",
                    "x COPY", "JVM us/row", "DB us/row", "JVM B/row");
            for (int batch : batches) {
                int rows = batch == 10 ? 5_000 : 20_000;
                List<Record> records = records(rows);
                double[][] copy = new double[4][rounds];
                double[][] unnest = new double[4][rounds];
                double[][] copySink = new double[4][rounds];
                for (int round = 0; round < rounds; round++) {
                    measure(copy, round, records.size(), () -> plainCopy(url, admin, records, batch));
                    measure(unnest, round, records.size(), () -> sink(url, admin, records, batch, Integer.MAX_VALUE));
                    measure(copySink, round, records.size(), () -> sink(url, admin, records, batch, 1));
                }
                double base = median(copy[0]);
                print(batch, "plain COPY (baseline)", copy, base);
                print(batch, "sink, INSERT ... unnest", unnest, base);
                print(batch, "sink, COPY", copySink, base);
                System.out.printf(Locale.ROOT, "%-6d %-28s %12s %8.2f%n", batch, "  median round ratio, unnest", "",
                        medianRatio(unnest[0], copy[0]));
                System.out.printf(Locale.ROOT, "%-6d %-28s %12s %8.2f%n", batch, "  median round ratio, COPY", "",
                        medianRatio(copySink[0], copy[0]));
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    private static void print(int batch, String contender, double[][] results, double base) {
        double rowsPerSecond = median(results[0]);
        System.out.printf(Locale.ROOT, "%-6d %-28s %,12.0f %8.2f %10.2f %10s %,10.0f%n", batch, contender,
                rowsPerSecond, rowsPerSecond / base, median(results[1]), results[2][0] < 0 ? "-"
                        : String.format(Locale.ROOT, "%.2f", median(results[2])), median(results[3]));
    }

    /** One timed contender: it resets the tables, then times its loop (see {@link #measure}). */
    private interface Contender {
        double[] run() throws Exception;
    }

    private static ServerCpu cpu;
    private static int history;
    private static String historyEnd;

    // results[0][round] rows/s, [1] this JVM's CPU us per row, [2] the database's (-1 when not on this machine),
    // [3] bytes allocated per row by this JVM's live threads. The contender reads the counters itself around its
    // timed loop, while its connections are open: it returns rows/s, the database's CPU nanos at start and end, the
    // JVM's, then the allocated bytes at start and end.
    private static void measure(double[][] results, int round, int rows, Contender contender) throws Exception {
        double[] run = contender.run();
        results[0][round] = run[0];
        results[1][round] = (run[4] - run[3]) / 1e3 / rows;
        results[2][round] = run[1] < 0 ? -1 : (run[2] - run[1]) / 1e3 / rows;
        results[3][round] = (run[6] - run[5]) / rows;
    }

    // Bytes allocated so far by the threads alive now (the sink's claimer thread included once it has started).
    private static double allocatedBytes() {
        var threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (long bytes : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
            sum += Math.max(0, bytes);
        }
        return sum;
    }

    private static long jvmCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static long databaseCpuNanos() {
        return cpu.read()[1];
    }

    private static long postmasterPid(Connection admin, boolean local) throws Exception {
        if (!local) {
            return -1;
        }
        try (Statement statement = admin.createStatement();
             var rows = statement.executeQuery("SELECT pg_backend_pid()")) {
            rows.next();
            return ProcessHandle.of(rows.getInt(1)).flatMap(ProcessHandle::parent).map(ProcessHandle::pid)
                    .orElse(-1L);
        }
    }

    // A ledger as a running sink's is: --ledger-history entries, written through the sink itself (so with its own
    // keys), for messages sent before the measured ones. The rounds then add to it and take their entries out again.
    private static void fillHistory(String url, Connection admin) throws Exception {
        reset(admin); // no history yet: drops the ledger
        long start = System.nanoTime();
        List<Record> old = records(history, 3L * 86_400_000, 99);
        try (PostgresSink sink = sink(url, 1)) {
            sink.open();
            for (int i = 0; i < old.size(); i += 1000) {
                sink.write(old.subList(i, Math.min(i + 1000, old.size())));
            }
        }
        try (Statement statement = admin.createStatement()) {
            statement.execute("TRUNCATE user_logins");
            statement.execute("VACUUM ANALYZE maskpipe_ledger");
            try (var now = statement.executeQuery("SELECT now()::text")) {
                now.next();
                historyEnd = now.getString(1);
            }
        }
        System.out.printf(Locale.ROOT, "ledger history: %,d entries of earlier messages (%.0f s to write)%n",
                history, (System.nanoTime() - start) / 1e9);
    }

    private static List<Record> records(int count) {
        return records(count, 0, 12);
    }

    // Message ids as SQS gives them: random (version 4) UUIDs in lowercase text, from a fixed seed; sent times rising
    // by a millisecond every ten messages, as a stream of 10,000 messages a second has them, `earlier` milliseconds
    // before 2026-01-01.
    private static List<Record> records(int count, long earlier, long seed) {
        List<Record> records = new ArrayList<>(count);
        java.util.Random random = new java.util.Random(seed);
        for (int i = 0; i < count; i++) {
            String messageId = CopyPhases.sqsMessageId(random);
            records.add(Record.builder()
                    .put("user_id", "user-" + i)
                    .put("device_type", i % 2 == 0 ? "android" : "ios")
                    .put("ip", "k1:Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0" + i)
                    .put("device_id", "k1:ZGV2aWNlZGV2aWNlZGV2aWNlZGV2aWNl" + i)
                    .put("locale", "en_US")
                    .put("app_version", "2.3." + (i % 10))
                    .metadata(Metadata.of(Map.of(Metadata.MESSAGE_ID, messageId,
                            Metadata.SENT_TIMESTAMP, Long.toString(1_767_225_600_000L - earlier + i / 10))))
                    .build());
        }
        return records;
    }

    private static void reset(Connection admin) throws Exception {
        try (Statement statement = admin.createStatement()) {
            statement.execute("TRUNCATE user_logins");
            if (historyEnd != null) { // keep the history, take the last round's entries out
                statement.execute("DELETE FROM maskpipe_ledger WHERE written_at > '" + historyEnd + "'");
                statement.execute("VACUUM maskpipe_ledger");
            } else {
                statement.execute("DROP TABLE IF EXISTS maskpipe_ledger");
            }
            statement.execute("CHECKPOINT");
        }
    }

    private static double[] sink(String url, Connection admin, List<Record> records, int batch, int copyThreshold)
            throws Exception {
        reset(admin);
        try (PostgresSink sink = sink(url, copyThreshold)) {
            sink.open();
            double allocatedStart = allocatedBytes();
            long jvmStart = jvmCpuNanos();
            long databaseStart = databaseCpuNanos();
            long start = System.nanoTime();
            for (int i = 0; i < records.size(); i += batch) {
                for (WriteResult result : sink.write(records.subList(i, Math.min(i + batch, records.size())))) {
                    if (result.status() != WriteResult.Status.WRITTEN) {
                        throw new IllegalStateException("benchmark row not written: " + result);
                    }
                }
            }
            double rate = records.size() / ((System.nanoTime() - start) / 1e9);
            return new double[] {rate, databaseStart, databaseCpuNanos(), jvmStart, jvmCpuNanos(), allocatedStart,
                allocatedBytes()};
        }
    }

    private static PostgresSink sink(String url, int copyThreshold) {
        return CopyPhases.userLogins(url).copyThreshold(copyThreshold).build();
    }

    // The baseline: what a hand-written loader does, COPY of preformatted text and a commit per batch, no checks.
    private static double[] plainCopy(String url, Connection admin, List<Record> records, int batch)
            throws Exception {
        reset(admin);
        try (Connection connection = DriverManager.getConnection(url)) {
            connection.setAutoCommit(false);
            var copy = connection.unwrap(PGConnection.class).getCopyAPI();
            double allocatedStart = allocatedBytes();
            long jvmStart = jvmCpuNanos();
            long databaseStart = databaseCpuNanos();
            long start = System.nanoTime();
            for (int i = 0; i < records.size(); i += batch) {
                StringBuilder data = new StringBuilder();
                for (Record record : records.subList(i, Math.min(i + batch, records.size()))) {
                    data.append(record.textOrNull("user_id")).append('\t')
                            .append(record.textOrNull("device_type")).append('\t')
                            .append(record.textOrNull("ip")).append('\t')
                            .append(record.textOrNull("device_id")).append('\t')
                            .append(record.textOrNull("locale")).append('\t')
                            .append(2_003_000).append('\t')
                            .append("2026-01-01").append('\n');
                }
                copy.copyIn("COPY user_logins FROM STDIN",
                        new ByteArrayInputStream(data.toString().getBytes(StandardCharsets.UTF_8)));
                connection.commit();
            }
            double rate = records.size() / ((System.nanoTime() - start) / 1e9);
            return new double[] {rate, databaseStart, databaseCpuNanos(), jvmStart, jvmCpuNanos(), allocatedStart,
                allocatedBytes()};
        }
    }

    /** The median of each round's ratio: load that drifts between rounds cancels within a round. */
    private static double medianRatio(double[] values, double[] bases) {
        double[] ratios = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            ratios[i] = values[i] / bases[i];
        }
        return median(ratios);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
