package io.maskpipe.benchmarks;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A paired companion to {@link MessagePathBenchmark} for shared machines: it alternates rounds of each part of
 * {@link MessagePath} in one thread and counts that thread's own CPU time and allocated bytes per message, which
 * other processes' load stretches far less than the wall clock, then prints each part's median and its median
 * per-round ratio to the JSON floor measured in the same rounds.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar io.maskpipe.benchmarks.PairedMessagePath [rounds]}
 * (default 30 rounds after 10 warm-up rounds; a round runs each part for at least 50 ms of CPU).
 */
public final class PairedMessagePath {
    private static final long ROUND_CPU_NANOS = 50_000_000L;
    private static final int WARMUP_ROUNDS = 10;
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    private static long sink;

    private PairedMessagePath() {
    }

    /**
     * Prints CPU ns and bytes allocated per message for each part, and each part's ratio to the JSON floor.
     *
     * @param args the number of measured rounds, optional
     * @throws InterruptedException never in practice: the path does not wait
     */
    public static void main(String[] args) throws InterruptedException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        try (MessagePath path = new MessagePath()) {
            Map<String, LongSupplier> parts = new LinkedHashMap<>();
            parts.put("jsonTokensBaseline", path::jsonTokens);
            parts.put("receive", () -> path.receive().size());
            parts.put("stepsAndEngine", path::stepsAndEngine);
            parts.put("fullPath", path::fullPath);
            int n = parts.size();
            double[][] cpu = new double[n][rounds];
            double[][] bytes = new double[n][rounds];
            double[][] ratio = new double[n][rounds];
            for (int round = -WARMUP_ROUNDS; round < rounds; round++) {
                int i = 0;
                double[] measured = new double[2];
                double base = 0;
                for (LongSupplier part : parts.values()) {
                    measure(part, measured);
                    if (i == 0) {
                        base = measured[0];
                    }
                    if (round >= 0) {
                        cpu[i][round] = measured[0];
                        bytes[i][round] = measured[1];
                        ratio[i][round] = measured[0] / base;
                    }
                    i++;
                }
            }
            System.out.printf("%d paired rounds, %d messages an operation, CPU time and allocation of the measuring"
                    + " thread (medians, quartiles)%n", rounds, MessagePath.PER_RECEIVE);
            int i = 0;
            for (String name : parts.keySet()) {
                Arrays.sort(cpu[i]);
                Arrays.sort(bytes[i]);
                Arrays.sort(ratio[i]);
                System.out.printf("%-20s %8.0f ns/msg (%.0f-%.0f)  %7.0f B/msg  %6.2fx the JSON floor (%.2f-%.2f)%n",
                        name, cpu[i][rounds / 2], cpu[i][rounds / 4], cpu[i][3 * rounds / 4], bytes[i][rounds / 2],
                        ratio[i][rounds / 2], ratio[i][rounds / 4], ratio[i][3 * rounds / 4]);
                i++;
            }
        }
        if (sink == 42) {
            System.out.println();
        }
    }

    /** Runs the part for at least one round's CPU time; stores CPU ns and bytes per message. */
    private static void measure(LongSupplier part, double[] out) {
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        long bytesStart = THREADS.getCurrentThreadAllocatedBytes();
        long ops = 0;
        long used;
        do {
            sink += part.getAsLong();
            ops++;
            used = THREADS.getCurrentThreadCpuTime() - cpuStart;
        } while (used < ROUND_CPU_NANOS);
        long allocated = THREADS.getCurrentThreadAllocatedBytes() - bytesStart;
        double messages = (double) ops * MessagePath.PER_RECEIVE;
        out[0] = used / messages;
        out[1] = allocated / messages;
    }
}
