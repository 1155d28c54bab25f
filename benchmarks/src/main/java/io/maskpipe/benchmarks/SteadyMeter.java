package io.maskpipe.benchmarks;

import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts a phase's messages and notes the wall clock and this process's CPU time (all its threads, from
 * {@code com.sun.management.OperatingSystemMXBean.getProcessCpuTime}) at the moment the count first reaches each of
 * two marks, e.g. 20 % and 80 % of the messages: the window between them is the phase's steady state, without
 * start-up, ramp-up or the drain at the end. The thread whose {@link #add} crosses a mark takes the reading, so
 * nothing polls. The servers run in other processes and are not counted. Thread-safe.
 */
final class SteadyMeter {
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private static volatile ServerCpu servers;

    private final AtomicLong count = new AtomicLong();
    private final long from;
    private final long to;
    private long startCount = -1;
    private long startNanos;
    private long startCpu;
    private long[] startServers;
    private long[] startJvm;
    private ThreadShares startThreads;
    private Window window;

    private SteadyMeter(long from, long to) {
        this.from = from;
        this.to = to;
    }

    /** A meter whose steady window runs from the {@code from}-th to the {@code to}-th message. */
    static SteadyMeter between(long from, long to) {
        if (from < 0 || to <= from) {
            throw new IllegalArgumentException("marks: need 0 <= from < to, got " + from + ", " + to);
        }
        return new SteadyMeter(from, to);
    }

    /** Also reads the servers' CPU at the marks, from now on. */
    static void watchServers(ServerCpu cpu) {
        servers = cpu;
    }

    /** This process's CPU time so far, in nanoseconds. */
    static long processCpuNanos() {
        return OS.getProcessCpuTime();
    }

    /** Counts {@code n} more messages handled. */
    void add(long n) {
        long after = count.addAndGet(n);
        long before = after - n;
        if (before < from && after >= from) {
            mark(true, after);
        }
        if (before < to && after >= to) {
            mark(false, after);
        }
    }

    long count() {
        return count.get();
    }

    private synchronized void mark(boolean start, long at) {
        // The threads are read outside the window (before it opens, after it closes): /proc costs a few ms.
        ThreadShares opening = start ? ThreadShares.read() : null;
        long nanos = System.nanoTime();
        long cpu = processCpuNanos();
        ServerCpu others = servers;
        long[] server = others == null ? new long[] {-1, -1} : others.read();
        long[] jvm = jvmReadings();
        ThreadShares threads = start ? opening : ThreadShares.read();
        if (start) {
            startThreads = threads;
            startCount = at;
            startNanos = nanos;
            startCpu = cpu;
            startServers = server;
            startJvm = jvm;
        } else if (startCount >= 0) {
            window = new Window(at - startCount, nanos - startNanos, cpu - startCpu,
                    delta(server[0], startServers[0]), delta(server[1], startServers[1]),
                    new JvmShare(delta(jvm[0], startJvm[0]), delta(jvm[1], startJvm[1]), delta(jvm[2], startJvm[2]),
                            delta(jvm[3], startJvm[3])),
                    threads.since(startThreads, at - startCount));
        }
    }

    /** The window, empty when the phase never reached the second mark. */
    synchronized Window window() {
        return window == null ? new Window(0, 0, 0, -1, -1, new JvmShare(-1, -1, -1, -1), "") : window;
    }

    // This JVM's time in garbage collections and in the JIT compiler (milliseconds of elapsed time, as the JVM counts
    // them), its CPU time in the kernel and its compiler threads' CPU time (nanoseconds; -1 where there are none).
    private static long[] jvmReadings() {
        long gc = 0;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            gc += Math.max(0, collector.getCollectionTime());
        }
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        long compile = jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : -1;
        return new long[] {gc, compile, ThreadCounters.kernelNanos(), ThreadCounters.compilerNanos()};
    }

    /**
     * What of this JVM's time in the window went to collections and to the JIT (elapsed milliseconds, which for the
     * parallel collectors is less than their CPU, and for the JIT more than its CPU when the cores are busy), to the
     * kernel and to the compiler threads (CPU nanoseconds, 10 ms resolution); -1 unknown.
     */
    record JvmShare(long gcMillis, long jitMillis, long kernelNanos, long jitCpuNanos) {
    }

    private static long delta(long end, long start) {
        return end < 0 || start < 0 ? -1 : end - start;
    }

    /**
     * Messages handled, wall time and this process's CPU time between the two marks, and the queue's and the
     * database's processes' CPU time (-1 when not read), and this JVM's threads' shares ({@link ThreadShares}).
     */
    record Window(long messages, long nanos, long cpuNanos, long queueCpuNanos, long databaseCpuNanos,
                  JvmShare jvm, String threads) {
        double rate() {
            return nanos == 0 ? Double.NaN : messages / (nanos / 1e9);
        }

        double cpuMicrosPerMessage() {
            return messages == 0 ? Double.NaN : cpuNanos / 1e3 / messages;
        }

        double queueMicrosPerMessage() {
            return messages == 0 || queueCpuNanos < 0 ? Double.NaN : queueCpuNanos / 1e3 / messages;
        }

        double databaseMicrosPerMessage() {
            return messages == 0 || databaseCpuNanos < 0 ? Double.NaN : databaseCpuNanos / 1e3 / messages;
        }

        /** The JVM's GC, JIT and kernel time per message, in microseconds, as one line. */
        String jvmShareText() {
            if (messages == 0) {
                return "";
            }
            return String.format(java.util.Locale.ROOT, "this JVM per msg: GC %.1f us, JIT %.1f us (elapsed), %.1f us"
                    + " (compiler threads' CPU), kernel %.1f us (CPU)", jvm.gcMillis() * 1e3 / messages,
                    jvm.jitMillis() * 1e3 / messages, jvm.jitCpuNanos() / 1e3 / messages,
                    jvm.kernelNanos() / 1e3 / messages);
        }

        /** CPU time per wall time: how many of the machine's cores this process kept busy. */
        double coresBusy() {
            return nanos == 0 ? Double.NaN : (double) cpuNanos / nanos;
        }
    }
}
