package io.maskpipe.benchmarks;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU counters of this process that the JDK's beans do not give, from Linux's {@code /proc/self}: its time in the
 * kernel, and the CPU time of its JIT compiler threads ({@code C1 CompilerThread*}, {@code C2 CompilerThread*}),
 * which, unlike the compilation bean's elapsed time, does not swell when other processes take the cores. Both in
 * nanoseconds at the kernel's tick of 10 ms (USER_HZ 100); -1 where {@code /proc} is not there. A compiler thread
 * the JVM ends takes its time with it (with 2 cores the JVM keeps one of each).
 */
final class ThreadCounters {
    private static final long NANOS_PER_TICK = 10_000_000L;
    private static final Path SELF = Path.of("/proc/self");

    private ThreadCounters() {
    }

    /** This process's CPU time in the kernel (stime of {@code /proc/self/stat}). */
    static long kernelNanos() {
        try {
            return fields(Files.readString(SELF.resolve("stat")))[12] * NANOS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The CPU time, user and kernel, of this JVM's compiler threads so far. */
    static long compilerNanos() {
        long ticks = 0;
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(SELF.resolve("task"))) {
            for (Path task : tasks) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException e) {
                    continue; // the thread ended while listed
                }
                String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
                    long[] fields = fields(stat);
                    ticks += fields[11] + fields[12];
                }
            }
            return ticks * NANOS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** The numeric fields after the thread's name: [11] is utime, [12] stime (fields 14 and 15 of proc(5)). */
    private static long[] fields(String stat) {
        String[] text = stat.substring(stat.lastIndexOf(')') + 2).trim().split(" ");
        long[] fields = new long[13];
        for (int i = 1; i < fields.length; i++) { // [0] is the state letter
            fields[i] = Long.parseLong(text[i]);
        }
        return fields;
    }
}
