package io.maskpipe.benchmarks;

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

    private final AtomicLong count = new AtomicLong();
    private final long from;
    private final long to;
    private long startCount = -1;
    private long startNanos;
    private long startCpu;
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
        long nanos = System.nanoTime();
        long cpu = processCpuNanos();
        if (start) {
            startCount = at;
            startNanos = nanos;
            startCpu = cpu;
        } else if (startCount >= 0) {
            window = new Window(at - startCount, nanos - startNanos, cpu - startCpu);
        }
    }

    /** The window, empty when the phase never reached the second mark. */
    synchronized Window window() {
        return window == null ? new Window(0, 0, 0) : window;
    }

    /** Messages handled, wall time and process CPU time between the two marks. */
    record Window(long messages, long nanos, long cpuNanos) {
        double rate() {
            return nanos == 0 ? Double.NaN : messages / (nanos / 1e9);
        }

        double cpuMicrosPerMessage() {
            return messages == 0 ? Double.NaN : cpuNanos / 1e3 / messages;
        }

        /** CPU time per wall time: how many of the machine's cores this process kept busy. */
        double coresBusy() {
            return nanos == 0 ? Double.NaN : (double) cpuNanos / nanos;
        }
    }
}
