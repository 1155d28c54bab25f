package io.maskpipe.benchmarks;

import java.io.PrintStream;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

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
                + " second; mq/pg us/m = the ElasticMQ and PostgreSQL processes' CPU per message (OS counters)");
    }

    void tableHeader() {
        out.printf(Locale.ROOT, "%n%-62s %9s %9s %8s %6s %8s %8s%n", "phase", "msgs/s", "whole/s",
                "us/msg", "cores", "mq us/m", "pg us/m");
    }

    PhaseResult phase(PhaseResult result) {
        out.printf(Locale.ROOT, "%-62s %,9.0f %,9.0f %8.1f %6.2f %8.1f %8.1f%n", result.name(), result.rate(),
                result.wholeRate(), result.cpuMicrosPerMessage(), result.steady().coresBusy(),
                result.steady().queueMicrosPerMessage(), result.steady().databaseMicrosPerMessage());
        if (!result.note().isEmpty()) {
            out.println("    " + result.note());
        }
        out.flush();
        return result;
    }

    void summary(List<PhaseResult> results) {
        PhaseResult raw = find(results, "raw ceiling").orElseThrow();
        PhaseResult copy = find(results, "plain COPY").orElseThrow();
        PhaseResult sink = find(results, "PostgresSink alone").orElseThrow();
        PhaseResult naive = find(results, "naive").orElseThrow();
        out.println();
        out.println("ratios (msgs/s in the steady window; CPU per message of this JVM"
                + (options.rounds() > 1 ? "; each phase's median round by rate" : "") + "):");
        PhaseResult cheapest = null;
        for (SqsHttpClient client : options.clients()) {
            PhaseResult pipeline = find(results, "pipeline, " + client.label()).orElseThrow();
            PhaseResult sdk = find(results, "SDK ceiling, " + client.label()).orElseThrow();
            String c = client.label();
            ratio("pipeline / SDK ceiling (" + c + ")", pipeline.rate(), sdk.rate(), "target >= 0.8");
            ratio("pipeline / raw ceiling (" + c + ")", pipeline.rate(), raw.rate(), "target >= 0.5");
            ratio("pipeline / naive (" + c + ")", pipeline.rate(), naive.rate(), "");
            ratio("pipeline / plain COPY (" + c + ")", pipeline.rate(), copy.rate(), "");
            ratio("SDK ceiling / raw ceiling (" + c + ")", sdk.rate(), raw.rate(), "");
            ratio("pipeline CPU/msg / SDK CPU/msg (" + c + ")", pipeline.cpuMicrosPerMessage(),
                    sdk.cpuMicrosPerMessage(), "target <= 1.25");
            out.printf(Locale.ROOT, "  %-52s %8.1f us/msg%n", "maskpipe's own CPU on top of the SDK (" + c + ")",
                    pipeline.cpuMicrosPerMessage() - sdk.cpuMicrosPerMessage());
            if (cheapest == null || sdk.cpuMicrosPerMessage() < cheapest.cpuMicrosPerMessage()) {
                cheapest = sdk;
            }
        }
        find(results, "SDK loop + SqsSource's attributes").ifPresent(withAttributes -> {
            PhaseResult same = find(results, "SDK ceiling, " + options.clients().get(0).label()).orElseThrow();
            ratio("SDK loop with SqsSource's attributes / without", withAttributes.rate(), same.rate(), "");
            ratio("  its CPU/msg / without", withAttributes.cpuMicrosPerMessage(), same.cpuMicrosPerMessage(), "");
            ratio("  ElasticMQ's CPU/msg / without", withAttributes.steady().queueMicrosPerMessage(),
                    same.steady().queueMicrosPerMessage(), "");
        });
        ratio("SDK ceiling CPU/msg / raw ceiling CPU/msg (cheapest client)", cheapest.cpuMicrosPerMessage(),
                raw.cpuMicrosPerMessage(), "");
        ratio("PostgresSink alone / plain COPY (batch " + options.batch() + ")", sink.rate(), copy.rate(),
                "target >= 0.6 at 1,000");
        if (options.clients().size() > 1) {
            out.printf(Locale.ROOT, "  cheaper SDK HTTP client per message (bare SDK loop): %s%n",
                    cheapest.name());
        }
        out.flush();
    }

    private void ratio(String label, double value, double base, String target) {
        out.printf(Locale.ROOT, "  %-52s %8.2f %s%n", label, value / base, target.isEmpty() ? "" : "(" + target + ")");
    }

    /** The phase's result, or with several rounds the one with the median steady rate. */
    private static Optional<PhaseResult> find(List<PhaseResult> results, String prefix) {
        List<PhaseResult> rounds = results.stream().filter(r -> r.name().startsWith(prefix))
                .sorted(java.util.Comparator.comparingDouble(PhaseResult::rate)).toList();
        return rounds.isEmpty() ? Optional.empty() : Optional.of(rounds.get(rounds.size() / 2));
    }
}
