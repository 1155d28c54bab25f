package io.maskpipe.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the CPU time the servers' processes have used so far, from the operating system's counters through
 * {@link ProcessHandle.Info#totalCpuDuration()}: the ElasticMQ child JVM, and the PostgreSQL postmaster with every
 * process under it (backends, WAL writer, checkpointer) when it runs on this machine. Processes that ended between
 * two readings take their CPU with them, so the phases keep their connections open while measured.
 */
final class ServerCpu {
    private final ProcessHandle queue;
    private final ProcessHandle postmaster;

    ServerCpu(long queuePid, long postmasterPid) {
        this.queue = ProcessHandle.of(queuePid).orElse(null);
        this.postmaster = postmasterPid <= 0 ? null : ProcessHandle.of(postmasterPid).orElse(null);
    }

    /** CPU nanoseconds so far: [0] the queue's process, [1] the database's processes (-1 when unknown). */
    long[] read() {
        long queueNanos = queue == null ? -1 : cpu(queue);
        long databaseNanos = -1;
        if (postmaster != null) {
            List<ProcessHandle> processes = new ArrayList<>();
            processes.add(postmaster);
            postmaster.descendants().forEach(processes::add);
            databaseNanos = 0;
            for (ProcessHandle process : processes) {
                databaseNanos += Math.max(0, cpu(process));
            }
        }
        return new long[] {queueNanos, databaseNanos};
    }

    private static long cpu(ProcessHandle process) {
        Optional<Duration> total = process.info().totalCpuDuration();
        return total.map(Duration::toNanos).orElse(-1L);
    }
}
