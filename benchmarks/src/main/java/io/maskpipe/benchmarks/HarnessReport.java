package io.maskpipe.benchmarks;

import java.io.PrintStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/** Prints the end-to-end harness's settings, each phase as it ends, and the ratios at the end. */
final class HarnessReport {
    private final PrintStream out;
    private final HarnessOptions options;

    HarnessReport(PrintStream out, HarnessOptions options) {
        this.out = out;
        this.options = options;
    }

    void header(long queuePid, URI endpoint, String database) {
        Runtime runtime = Runtime.getRuntime();
        out.printf(Locale.ROOT, "maskpipe end-to-end harness: %,d messages a phase (warm-up %,d), %d pollers, "
                        + "batch %d, ceilings with %d threads, clients %s%n", options.messages(), options.warmup(),
                options.pollers(), options.batch(), options.threads(),
                options.clients().stream().map(SqsHttpClient::label).toList());
        out.printf(Locale.ROOT, "harness JVM: Java %s, pid %d, %d processors, max heap %d MiB%n",
                System.getProperty("java.version"), ProcessHandle.current().pid(), runtime.availableProcessors(),
                runtime.maxMemory() >> 20);
        out.printf(Locale.ROOT, "queue: ElasticMQ in child JVM pid %d at %s%n", queuePid, endpoint);
        out.printf(Locale.ROOT, "database: %s%n", database);
        out.println("msgs/s and CPU in the steady state, from 20 % to 80 % of a phase's messages; whole/s = the whole"
                + " phase; us/msg = this JVM's CPU (getProcessCpuTime, servers excluded), cores = its CPU per wall"
                + " second; mq/pg us/m = the ElasticMQ and PostgreSQL processes' CPU per message (OS counters);"
                + " all us/m = the three processes' together; bound/s = the rate the machine's cores allow at that"
                + " CPU per message (processors x 1e6 / all us/m), the rate of a run that the CPU alone bounds");
        if (options.jvmPerContender()) {
            out.println("--jvm-per-contender: the pipeline's, the SDK loops' and the hand-written loader's us/msg,"
                    + " cores, GC and JIT are those of the contender's own JVM, alive for the whole run; the raw"
                    + " ceiling, the database phases and the naive loop run in the harness JVM");
        }
    }

    void tableHeader() {
        out.printf(Locale.ROOT, "%n%-62s %9s %9s %8s %6s %8s %8s %8s %9s%n", "phase", "msgs/s", "whole/s",
                "us/msg", "cores", "mq us/m", "pg us/m", "all us/m", "bound/s");
    }

    PhaseResult phase(PhaseResult result) {
        out.printf(Locale.ROOT, "%-62s %,9.0f %,9.0f %8.1f %6.2f %8.1f %8.1f %8.1f %,9.0f%n", result.name(),
                result.rate(), result.wholeRate(), result.cpuMicrosPerMessage(), result.steady().coresBusy(),
                result.steady().queueMicrosPerMessage(), result.steady().databaseMicrosPerMessage(),
                allMicros(result), cpuBoundRate(result));
        if (!result.note().isEmpty()) {
            out.println("    " + result.note());
        }
        String share = result.steady().jvmShareText();
        if (!share.isEmpty()) {
            out.println("    " + share);
        }
        if (!result.steady().threads().isEmpty()) {
            out.println("    " + result.steady().threads());
        }
        out.flush();
        return result;
    }

    void summary(List<PhaseResult> results) {
        out.println();
        out.println("ratios (msgs/s in the steady window; CPU per message of the phase's "
                + (options.jvmPerContender() ? "own JVM" : "JVM, the harness's")
                + (options.rounds() > 1 ? "; each figure the median of its phase's rounds" : "") + "):");
        String cheapest = null;
        double cheapestCpu = Double.MAX_VALUE;
        for (SqsHttpClient client : options.clients()) {
            String c = client.label();
            String pipeline = "pipeline, " + c;
            String sdk = "SDK ceiling, " + c;
            ratio("pipeline / SDK ceiling (" + c + ")", median(results, pipeline, PhaseResult::rate),
                    median(results, sdk, PhaseResult::rate), "target >= 0.8");
            ratio("pipeline / raw ceiling (" + c + ")", median(results, pipeline, PhaseResult::rate),
                    median(results, "raw ceiling", PhaseResult::rate), "target >= 0.5");
            ratio("pipeline / naive (" + c + ")", median(results, pipeline, PhaseResult::rate),
                    median(results, "naive", PhaseResult::rate), "");
            ratio("pipeline / plain COPY (" + c + ")", median(results, pipeline, PhaseResult::rate),
                    median(results, "plain COPY", PhaseResult::rate), "");
            ratio("SDK ceiling / raw ceiling (" + c + ")", median(results, sdk, PhaseResult::rate),
                    median(results, "raw ceiling", PhaseResult::rate), "");
            double pipelineCpu = median(results, pipeline, PhaseResult::cpuMicrosPerMessage);
            double sdkCpu = median(results, sdk, PhaseResult::cpuMicrosPerMessage);
            ratio("pipeline CPU/msg / SDK CPU/msg (" + c + ")", pipelineCpu, sdkCpu, "target <= 1.25");
            out.printf(Locale.ROOT, "  %-52s %8.1f us/msg%n", "maskpipe's own CPU on top of the SDK (" + c + ")",
                    pipelineCpu - sdkCpu);
            String hand = "hand-written loader, " + c;
            ratio("pipeline / hand-written loader (" + c + ")", median(results, pipeline, PhaseResult::rate),
                    median(results, hand, PhaseResult::rate), "");
            ratio("  its CPU/msg / hand-written loader's (" + c + ")", pipelineCpu,
                    median(results, hand, PhaseResult::cpuMicrosPerMessage), "maskpipe over the job's own work");
            ratio("  hand-written loader's CPU/msg / SDK loop's (" + c + ")",
                    median(results, hand, PhaseResult::cpuMicrosPerMessage), sdkCpu, "the job's floor");
            ratio("  all 3 processes CPU/msg: SDK ceiling / pipeline (" + c + ")",
                    median(results, sdk, HarnessReport::allMicros),
                    median(results, pipeline, HarnessReport::allMicros), "the rate ratio when the cores bound both");
            ratio("  pipeline msgs/s / rate its CPU allows (" + c + ")",
                    median(results, pipeline, PhaseResult::rate),
                    median(results, pipeline, HarnessReport::cpuBoundRate), "near 1: the CPU bounds it");
            if (sdkCpu < cheapestCpu) {
                cheapest = c;
                cheapestCpu = sdkCpu;
            }
        }
        String attributes = "SDK loop + SqsSource's attributes";
        if (results.stream().anyMatch(r -> r.name().startsWith(attributes))) {
            String same = "SDK ceiling, " + options.clients().get(0).label();
            ratio("SDK loop with SqsSource's attributes / without", median(results, attributes, PhaseResult::rate),
                    median(results, same, PhaseResult::rate), "");
            ratio("  its CPU/msg / without", median(results, attributes, PhaseResult::cpuMicrosPerMessage),
                    median(results, same, PhaseResult::cpuMicrosPerMessage), "");
            ToDoubleFunction<PhaseResult> queueCpu = r -> r.steady().queueMicrosPerMessage();
            ratio("  ElasticMQ's CPU/msg / without", median(results, attributes, queueCpu),
                    median(results, same, queueCpu), "");
        }
        ratio("SDK ceiling CPU/msg / raw ceiling CPU/msg (cheapest client)", cheapestCpu,
                median(results, "raw ceiling", PhaseResult::cpuMicrosPerMessage), "");
        ratio("PostgresSink alone / plain COPY (batch " + options.batch() + ")",
                median(results, "PostgresSink alone", PhaseResult::rate),
                median(results, "plain COPY", PhaseResult::rate), "target >= 0.6 at 1,000");
        if (options.clients().size() > 1) {
            out.printf(Locale.ROOT, "  cheaper SDK HTTP client per message (bare SDK loop): %s%n", cheapest);
        }
        settledRounds(results);
        out.flush();
    }

    /**
     * The targets' ratios again over the rounds in which the JITs of the pipeline, the SDK loop and the hand-written
     * loader had settled (their compiler threads
     * under {@value #SETTLED_JIT_MICROS} us of CPU per message), when only some had: a median over all rounds can pair
     * a settled contender with one still compiling and read better or worse than either state.
     */
    private void settledRounds(List<PhaseResult> results) {
        Map<String, Integer> seen = new HashMap<>();
        Map<Integer, List<PhaseResult>> byRound = new TreeMap<>();
        for (PhaseResult result : results) {
            int round = seen.merge(result.name(), 1, Integer::sum);
            byRound.computeIfAbsent(round, r -> new ArrayList<>()).add(result);
        }
        List<Integer> settled = new ArrayList<>();
        for (Map.Entry<Integer, List<PhaseResult>> round : byRound.entrySet()) {
            if (round.getValue().stream().filter(HarnessReport::throughTheSdk).allMatch(HarnessReport::jitSettled)) {
                settled.add(round.getKey());
            }
        }
        if (options.rounds() < 2 || settled.isEmpty() || settled.size() == byRound.size()) {
            return;
        }
        List<PhaseResult> kept = settled.stream().flatMap(r -> byRound.get(r).stream()).toList();
        out.printf(Locale.ROOT, "over the rounds in which every contender's JIT had settled (compiler threads under "
                + "%d us/msg): %s%n", SETTLED_JIT_MICROS, settled);
        for (SqsHttpClient client : options.clients()) {
            String c = client.label();
            String pipeline = "pipeline, " + c;
            String sdk = "SDK ceiling, " + c;
            double sdkCpu = median(kept, sdk, PhaseResult::cpuMicrosPerMessage);
            ratio("pipeline / SDK ceiling (" + c + ")", median(kept, pipeline, PhaseResult::rate),
                    median(kept, sdk, PhaseResult::rate), "target >= 0.8");
            ratio("pipeline / raw ceiling (" + c + ")", median(kept, pipeline, PhaseResult::rate),
                    median(kept, "raw ceiling", PhaseResult::rate), "target >= 0.5");
            ratio("pipeline CPU/msg / SDK CPU/msg (" + c + ")",
                    median(kept, pipeline, PhaseResult::cpuMicrosPerMessage), sdkCpu, "target <= 1.25");
            ratio("  hand-written loader's CPU/msg / SDK loop's (" + c + ")",
                    median(kept, "hand-written loader, " + c, PhaseResult::cpuMicrosPerMessage), sdkCpu,
                    "the job's floor");
        }
    }

    private static final int SETTLED_JIT_MICROS = 3;

    // The contenders the targets compare (the attributes variant of the SDK loop is a lever, not a target).
    private static boolean throughTheSdk(PhaseResult result) {
        return result.name().startsWith("pipeline") || result.name().startsWith("SDK ceiling")
                || result.name().startsWith("hand-written");
    }

    private static boolean jitSettled(PhaseResult result) {
        long messages = result.steady().messages();
        long nanos = result.steady().jvm().jitCpuNanos();
        return messages > 0 && nanos >= 0 && nanos / 1e3 / messages < SETTLED_JIT_MICROS;
    }

    /** CPU per message of the harness JVM, ElasticMQ's process and PostgreSQL's processes together. */
    private static double allMicros(PhaseResult result) {
        return result.cpuMicrosPerMessage() + result.steady().queueMicrosPerMessage()
                + result.steady().databaseMicrosPerMessage();
    }

    /** The msgs/s this machine's processors allow at the phase's CPU per message, if nothing but the CPU bounds it. */
    private static double cpuBoundRate(PhaseResult result) {
        return Runtime.getRuntime().availableProcessors() * 1e6 / allMicros(result);
    }

    private void ratio(String label, double value, double base, String target) {
        out.printf(Locale.ROOT, "  %-52s %8.2f %s%n", label, value / base, target.isEmpty() ? "" : "(" + target + ")");
    }

    /**
     * The median over a phase's rounds of one figure, each figure on its own: a cold round's rate and CPU do not
     * decide each other (NaN when the phase is missing; the mean of the middle two for an even count).
     */
    private static double median(List<PhaseResult> results, String prefix, ToDoubleFunction<PhaseResult> figure) {
        double[] values = results.stream().filter(r -> r.name().startsWith(prefix)).mapToDouble(figure).sorted()
                .toArray();
        int n = values.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }
}
