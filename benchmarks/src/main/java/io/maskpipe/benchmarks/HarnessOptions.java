package io.maskpipe.benchmarks;

import static io.maskpipe.benchmarks.CommandLine.number;
import static io.maskpipe.benchmarks.CommandLine.text;

import java.util.ArrayList;
import java.util.List;

/**
 * The end-to-end harness's options: {@code --messages N} (50,000) per measured phase, {@code --warmup N} (20,000)
 * per warm-up phase and {@code --warmup-rounds N} (3) of them for each contender (until the JIT is quiet),
 * {@code --pollers N} (4) and {@code --batch N} (500) as the user-logins example runs,
 * {@code --threads N} for the SDK and raw ceilings (pollers + 8: the pollers' receives plus the writer's up to eight
 * concurrent delete chunks), {@code --clients url-connection,apache5} (also {@code crt}), {@code --naive-max N}
 * (3,000) and {@code --naive-seconds N} (20) to bound the naive loop, {@code --rounds N} (1) to repeat the measured
 * phases in turn and report each phase's median, {@code --jfr} for flight-recorder profiles (a rerun of the pipeline
 * and of the SDK loop, those of them that run, after the measured rounds, in their own JVMs when they have one), and
 * {@code --writers N} (1) and {@code --max-in-flight N} (1,000), the engine's defaults the example keeps, to try
 * other settings; {@code --only pipeline,sdk,sdk-attrs,hand} runs only those contenders ({@code sdk-attrs}: the SDK
 * loop asking for {@code SqsSource}'s attributes; not the raw ceiling, the database phases or the naive loop), so
 * that one JVM compiles one contender's code and its JIT settles as a service's would; {@code --jvm-per-contender}
 * runs each contender that consumes through the SDK (the pipeline, the SDK loops, the hand-written loader; per
 * client) in a JVM of its own, alive for the whole run and driven by the harness ({@link ContenderProcess}), so every
 * JIT settles while all of them are measured in turn in one run.
 */
record HarnessOptions(int messages, int warmup, int warmupRounds, int pollers, int batch, int threads,
                      List<SqsHttpClient> clients, int naiveMax, int naiveSeconds, boolean jfr, int rounds, int writers,
                      int maxInFlight, java.util.Set<String> only, boolean jvmPerContender) {

    /** Whether the contender runs: every one unless {@code --only} names some. */
    boolean runs(String contender) {
        return only.isEmpty() || only.contains(contender);
    }

    static HarnessOptions parse(String[] args) {
        int pollers = number(args, "--pollers", 4);
        List<SqsHttpClient> clients = new ArrayList<>();
        for (String name : text(args, "--clients", "url-connection,apache5").split(",")) {
            clients.add(SqsHttpClient.parse(name));
        }
        for (String arg : args) {
            if (arg.startsWith("--") && !List.of("--messages", "--warmup", "--pollers", "--batch", "--threads",
                    "--clients", "--naive-max", "--naive-seconds", "--jfr", "--rounds", "--writers",
                    "--max-in-flight", "--warmup-rounds", "--only", "--jvm-per-contender").contains(arg)) {
                throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        return new HarnessOptions(number(args, "--messages", 50_000), number(args, "--warmup", 20_000),
                Math.max(1, number(args, "--warmup-rounds", 3)), pollers,
                number(args, "--batch", 500), number(args, "--threads", pollers + 8), List.copyOf(clients),
                number(args, "--naive-max", 3_000), number(args, "--naive-seconds", 20),
                List.of(args).contains("--jfr"), Math.max(1, number(args, "--rounds", 1)), number(args, "--writers", 1),
                number(args, "--max-in-flight", 1_000), only(text(args, "--only", "")),
                List.of(args).contains("--jvm-per-contender"));
    }

    private static java.util.Set<String> only(String list) {
        java.util.Set<String> only = new java.util.LinkedHashSet<>();
        for (String name : list.split(",")) {
            if (!name.isBlank()) {
                if (!List.of("pipeline", "sdk", "sdk-attrs", "hand").contains(name.strip())) {
                    throw new IllegalArgumentException("--only: pipeline, sdk, sdk-attrs or hand, not " + name);
                }
                only.add(name.strip());
            }
        }
        return java.util.Set.copyOf(only);
    }
}
