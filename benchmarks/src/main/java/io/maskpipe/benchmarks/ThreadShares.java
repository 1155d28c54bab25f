package io.maskpipe.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * This JVM's CPU time, allocated bytes and context switches, per group of threads (a thread's name with its numbers
 * replaced by {@code #}, so {@code maskpipe-12-poller-3} counts as {@code maskpipe-#-poller-#}), read at two moments
 * so their difference says which threads spend a phase's CPU and how often they wake. CPU and allocation come from
 * {@code com.sun.management.ThreadMXBean} (live threads only: a thread that ended between the readings loses its
 * share, one born between them counts from zero); context switches and kernel CPU time (in ticks of 10 ms) from
 * {@code /proc/self/task/N/status} and {@code stat}, grouped by
 * the kernel's thread name, which the JVM cuts to 15 characters ({@code maskpipe-#-poll}).
 */
final class ThreadShares {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    /** Per thread id: CPU nanoseconds and allocated bytes; per kernel thread id: context switches and group. */
    private final Map<Long, long[]> java = new HashMap<>();
    private final Map<Long, String> javaGroup = new HashMap<>();
    private final Map<Long, Long> switches = new HashMap<>();
    private final Map<Long, Long> kernel = new HashMap<>();
    private final Map<Long, String> switchGroup = new HashMap<>();

    private ThreadShares() {
    }

    /** Reads every live thread now. */
    static ThreadShares read() {
        ThreadShares shares = new ThreadShares();
        long[] ids = THREADS.getAllThreadIds();
        long[] cpu = THREADS.getThreadCpuTime(ids);
        long[] allocated = THREADS.getThreadAllocatedBytes(ids);
        for (var info : THREADS.getThreadInfo(ids)) {
            if (info == null) {
                continue;
            }
            int i = indexOf(ids, info.getThreadId());
            shares.java.put(ids[i], new long[] {Math.max(0, cpu[i]), Math.max(0, allocated[i])});
            shares.javaGroup.put(ids[i], group(info.getThreadName()));
        }
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(Path.of("/proc/self/task"))) {
            for (Path task : tasks) {
                readSwitches(shares, task);
            }
        } catch (IOException | RuntimeException e) {
            // no /proc: context switches stay unknown
        }
        return shares;
    }

    private static void readSwitches(ThreadShares shares, Path task) {
        try {
            long tid = Long.parseLong(task.getFileName().toString());
            String name = Files.readString(task.resolve("comm")).strip();
            long total = 0;
            for (String line : Files.readAllLines(task.resolve("status"))) {
                if (line.startsWith("voluntary_ctxt_switches") || line.startsWith("nonvoluntary_ctxt_switches")) {
                    total += Long.parseLong(line.substring(line.indexOf(':') + 1).strip());
                }
            }
            String stat = Files.readString(task.resolve("stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            shares.kernel.put(tid, Long.parseLong(fields[12]) * 10_000_000L); // stime, in ticks of 10 ms
            shares.switches.put(tid, total);
            shares.switchGroup.put(tid, group(name));
        } catch (IOException | RuntimeException e) {
            // the thread ended while being read
        }
    }

    private static int indexOf(long[] ids, long id) {
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] == id) {
                return i;
            }
        }
        throw new IllegalStateException("thread " + id + " not among the ids read");
    }

    /** A thread name with every run of digits replaced by {@code #}. */
    static String group(String name) {
        return name.replaceAll("[0-9]+", "#");
    }

    /**
     * The groups' CPU (us), allocation (bytes) and context switches per message since {@code start}, the largest CPU
     * first, as lines; groups under 0.1 us and 10 bytes per message are left out.
     */
    String since(ThreadShares start, long messages) {
        if (messages <= 0) {
            return "";
        }
        Map<String, double[]> groups = new TreeMap<>();
        java.forEach((id, now) -> {
            long[] before = start.java.getOrDefault(id, new long[2]);
            double[] sums = groups.computeIfAbsent(javaGroup.get(id), g -> new double[2]);
            sums[0] += (now[0] - before[0]) / 1e3 / messages;
            sums[1] += (double) (now[1] - before[1]) / messages;
        });
        Map<String, Double> woken = new TreeMap<>();
        switches.forEach((tid, now) -> woken.merge(switchGroup.get(tid),
                (double) (now - start.switches.getOrDefault(tid, 0L)) / messages, Double::sum));
        Map<String, Double> system = new TreeMap<>();
        kernel.forEach((tid, now) -> system.merge(switchGroup.get(tid),
                (now - start.kernel.getOrDefault(tid, 0L)) / 1e3 / messages, Double::sum));
        StringBuilder text = new StringBuilder("threads per msg (CPU us, allocated bytes):");
        groups.entrySet().stream()
                .filter(e -> e.getValue()[0] >= 0.1 || e.getValue()[1] >= 10)
                .sorted((a, b) -> Double.compare(b.getValue()[0], a.getValue()[0]))
                .forEach(e -> text.append(String.format(Locale.ROOT, " %s %.1f/%.0f;", e.getKey(), e.getValue()[0],
                        e.getValue()[1])));
        double total = woken.values().stream().mapToDouble(Double::doubleValue).sum();
        text.append(String.format(Locale.ROOT, "%n    context switches per msg: %.2f, of which", total));
        woken.entrySet().stream().filter(e -> e.getValue() >= 0.01)
                .sorted((a, b) -> Double.compare(b.getValue(), a.getValue()))
                .forEach(e -> text.append(String.format(Locale.ROOT, " %s %.2f;", e.getKey(), e.getValue())));
        double kernelTotal = system.values().stream().mapToDouble(Double::doubleValue).sum();
        text.append(String.format(Locale.ROOT, "%n    kernel CPU per msg (us, 10 ms ticks): %.1f, of which", kernelTotal));
        system.entrySet().stream().filter(e -> e.getValue() >= 0.05)
                .sorted((a, b) -> Double.compare(b.getValue(), a.getValue()))
                .forEach(e -> text.append(String.format(Locale.ROOT, " %s %.1f;", e.getKey(), e.getValue())));
        return text.toString();
    }
}
