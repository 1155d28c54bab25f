package io.maskpipe.benchmarks;

import static io.maskpipe.benchmarks.CommandLine.number;
import static io.maskpipe.benchmarks.CommandLine.text;

import io.maskpipe.examples.LoginEventGenerator;
import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The SQS side's levers, measured side by side against an ElasticMQ in a child JVM: each receive-and-delete path
 * ({@link LeverPaths}: the bare SDK loop, {@code SqsSource} driven directly, a pipeline into a sink that writes
 * nothing) on each SDK HTTP client (url-connection, apache5, the CRT client) with the SDK's MD5 check of received
 * messages on and off. Every contender drains a freshly filled queue once per round; the order rotates from round to
 * round, and each ratio is the median of the per-round ratios of two contenders, which cancels load that drifts
 * during the run. Each phase reports msgs/s and CPU per message in its steady state (20 % to 80 % of its messages),
 * of this JVM and of ElasticMQ's process, and its SQS calls per 100 messages.
 *
 * <p>Run with {@code ./mvnw -q -B -ntp -pl benchmarks -am package -DskipTests -Pe2e
 * -De2e.main=io.maskpipe.benchmarks.SqsLeversBenchmark -De2e.args="--rounds 5"}; options: {@code --messages N}
 * (20,000 a phase), {@code --warmup N} (10,000), {@code --rounds N} (5), {@code --threads N} (12),
 * {@code --clients url-connection,apache5,crt}, {@code --paths sdk,source} (also {@code sdk-attrs},
 * {@code pipeline}), {@code --md5 on,off}. Figures and their reading in {@code docs/performance.md}.
 *
 * @since 0.1.0
 */
public final class SqsLeversBenchmark {
    private final URI endpoint;
    private final SqsClient admin;
    private final List<String> bodies;
    private int queues;

    private SqsLeversBenchmark(URI endpoint, SqsClient admin, List<String> bodies) {
        this.endpoint = endpoint;
        this.admin = admin;
        this.bodies = bodies;
    }

    /** One contender: a path on a client, with the MD5 check on or off. */
    private record Contender(LeverPaths path, SqsHttpClient client, boolean md5) {
        String name() {
            return path.label() + ", " + client.label() + (md5 ? "" : ", no MD5");
        }
    }

    /**
     * Runs the rounds and prints each phase, then the medians and the paired ratios.
     *
     * @param args the options above
     * @throws Exception when ElasticMQ or a phase fails
     */
    public static void main(String[] args) throws Exception {
        int messages = number(args, "--messages", 20_000);
        int warmup = number(args, "--warmup", 10_000);
        int rounds = number(args, "--rounds", 5);
        int threads = number(args, "--threads", 12);
        List<Contender> contenders = new ArrayList<>();
        for (String path : text(args, "--paths", "sdk,source").split(",")) {
            for (String client : text(args, "--clients", "url-connection,apache5,crt").split(",")) {
                for (String md5 : text(args, "--md5", "on,off").split(",")) {
                    contenders.add(new Contender(LeverPaths.parse(path), SqsHttpClient.parse(client),
                            !md5.trim().equals("off")));
                }
            }
        }
        System.setProperty("http.maxConnections", System.getProperty("http.maxConnections", "64"));
        try (ElasticMqProcess queue = ElasticMqProcess.start(Path.of("target/levers"), "1g");
             SqsClient admin = SqsHttpClient.APACHE5.sqs(queue.endpoint(), 16)) {
            SteadyMeter.watchServers(new ServerCpu(queue.pid(), -1));
            System.out.printf(Locale.ROOT, "SQS levers: %,d messages a phase (warm-up %,d), %d rounds, %d threads;"
                    + " ElasticMQ pid %d; Java %s, %d processors%n", messages, warmup, rounds, threads, queue.pid(),
                    System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
            SqsLeversBenchmark bench = new SqsLeversBenchmark(queue.endpoint(), admin,
                    LoginEventGenerator.seeded(2026, 0).next(Math.max(messages, warmup)));
            System.out.println("warm-up: every contender once on " + warmup + " messages");
            for (Contender contender : contenders) {
                bench.phase(contender, threads, warmup);
            }
            System.out.printf(Locale.ROOT, "%n%-36s %9s %9s %9s %6s%n", "phase", "msgs/s", "us/msg", "mq us/m",
                    "cores");
            List<Map<Contender, PhaseResult>> results = new ArrayList<>();
            for (int round = 0; round < rounds; round++) {
                System.out.println("round " + (round + 1) + " of " + rounds);
                Map<Contender, PhaseResult> byContender = new LinkedHashMap<>();
                for (int i = 0; i < contenders.size(); i++) {
                    Contender contender = contenders.get((i + round) % contenders.size());
                    byContender.put(contender, bench.phase(contender, threads, messages));
                }
                results.add(byContender);
            }
            summary(contenders, results);
        }
    }

    /** Fills a fresh queue with {@code count} bodies and drains it along the contender's path. */
    private PhaseResult phase(Contender contender, int threads, int count) throws Exception {
        String url = admin.createQueue(r -> r.queueName("levers-" + ++queues)
                .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "60"))).queueUrl();
        try {
            SqsLoops.fill(admin, url, bodies.subList(0, count));
            System.gc();
            SqsCallCounter calls = new SqsCallCounter();
            try (SqsClient sqs = contender.client().sqs(endpoint, threads + 8, calls, contender.md5())) {
                PhaseResult result = contender.path().drain(contender.name(), sqs, url, threads, count);
                System.out.printf(Locale.ROOT, "%-36s %,9.0f %9.1f %9.1f %6.2f%n    %s%n", result.name(),
                        result.rate(), result.cpuMicrosPerMessage(), result.steady().queueMicrosPerMessage(),
                        result.steady().coresBusy(), calls.detail(result.messages()));
                if (!result.steady().threads().isEmpty()) {
                    System.out.println("    " + result.steady().threads());
                }
                return result;
            }
        } finally {
            admin.deleteQueue(r -> r.queueUrl(url));
        }
    }

    private static void summary(List<Contender> contenders, List<Map<Contender, PhaseResult>> results) {
        System.out.printf(Locale.ROOT, "%nmedians over %d rounds:%n%-36s %9s %9s %9s%n", results.size(), "phase",
                "msgs/s", "us/msg", "mq us/m");
        for (Contender c : contenders) {
            System.out.printf(Locale.ROOT, "%-36s %,9.0f %9.1f %9.1f%n", c.name(),
                    median(results, c, PhaseResult::rate), median(results, c, PhaseResult::cpuMicrosPerMessage),
                    median(results, c, r -> r.steady().queueMicrosPerMessage()));
        }
        System.out.println("\npaired ratios (median of per-round ratios): msgs/s; this JVM's CPU/msg; ElasticMQ's"
                + " CPU/msg");
        for (Contender c : contenders) {
            if (!c.md5()) {
                ratio(results, c, new Contender(c.path(), c.client(), true), "MD5 off / on");
            }
            if (c.md5() && c.client() != SqsHttpClient.APACHE5) {
                ratio(results, c, new Contender(c.path(), SqsHttpClient.APACHE5, true), "/ apache5");
            }
            if (c.md5() && c.path() != LeverPaths.SDK) {
                ratio(results, c, new Contender(LeverPaths.SDK, c.client(), true), "/ bare SDK loop");
            }
        }
    }

    private static void ratio(List<Map<Contender, PhaseResult>> results, Contender a, Contender b, String what) {
        if (!results.get(0).containsKey(b)) {
            return;
        }
        System.out.printf(Locale.ROOT, "  %-36s %-16s %6.2f; %6.2f; %6.2f%n", a.name(), what,
                pairedMedian(results, a, b, PhaseResult::rate),
                pairedMedian(results, a, b, PhaseResult::cpuMicrosPerMessage),
                pairedMedian(results, a, b, r -> r.steady().queueMicrosPerMessage()));
    }

    private static double pairedMedian(List<Map<Contender, PhaseResult>> results, Contender a, Contender b,
                                       ToDoubleFunction<PhaseResult> figure) {
        return median(results.stream().mapToDouble(round -> figure.applyAsDouble(round.get(a))
                / figure.applyAsDouble(round.get(b))).toArray());
    }

    private static double median(List<Map<Contender, PhaseResult>> results, Contender c,
                                 ToDoubleFunction<PhaseResult> figure) {
        return median(results.stream().mapToDouble(round -> figure.applyAsDouble(round.get(c))).toArray());
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
