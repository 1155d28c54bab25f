package io.maskpipe.benchmarks;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Samples this JVM's heap into a text file, one line per event, for {@link DrainHarness} to read afterwards: the
 * used heap after every garbage collection (from the collectors' notifications; heap pools only), the used and
 * committed heap at a fixed interval, and at the end the collectors' counts and times and the process's CPU time.
 * The old generation's pools (G1's "G1 Old Gen", or the serial and parallel collectors' old pools) are given
 * apart: a collection after which the old generation is smaller than before it (G1's mixed and full collections) is
 * one that collected old objects, so the heap used after it is close to what is live.
 * Every line starts with its kind and the wall-clock time in milliseconds, so the harness can place it on the
 * drain's progress, which it records in its own process:
 * <pre>
 * gc   WALL_MS USED_AFTER USED_BEFORE DURATION_MS OLD_AFTER OLD_BEFORE COLLECTOR|ACTION|CAUSE
 * heap WALL_MS USED COMMITTED
 * end  WALL_MS GC_COUNT GC_MILLIS CPU_NANOS COLLECTOR,COLLECTOR
 * </pre>
 */
final class HeapSampler implements AutoCloseable {
    private final PrintWriter out;
    private final Set<String> heapPools;
    private final Set<String> oldPools;
    private final List<Runnable> unregister = new ArrayList<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "heap-sampler");
        thread.setDaemon(true);
        return thread;
    });
    private boolean closed;

    private HeapSampler(PrintWriter out) {
        this.out = out;
        this.heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).map(MemoryPoolMXBean::getName)
                .collect(Collectors.toUnmodifiableSet());
        this.oldPools = heapPools.stream().filter(name -> name.contains("Old") || name.contains("Tenured"))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Starts sampling into {@code file} (replaced), periodically every {@code every}. */
    static HeapSampler start(Path file, Duration every) throws IOException {
        HeapSampler sampler = new HeapSampler(new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8)));
        NotificationListener listener = sampler::onNotification;
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
                sampler.unregister.add(() -> {
                    try {
                        emitter.removeNotificationListener(listener);
                    } catch (javax.management.ListenerNotFoundException e) {
                        // already gone
                    }
                });
            }
        }
        sampler.timer.scheduleAtFixedRate(sampler::sample, 0, every.toMillis(), TimeUnit.MILLISECONDS);
        return sampler;
    }

    private void onNotification(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        GarbageCollectionNotificationInfo info =
                GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        Map<String, MemoryUsage> afterGc = info.getGcInfo().getMemoryUsageAfterGc();
        Map<String, MemoryUsage> beforeGc = info.getGcInfo().getMemoryUsageBeforeGc();
        write(String.format(Locale.ROOT, "gc %d %d %d %d %d %d %s|%s|%s", System.currentTimeMillis(),
                used(afterGc, heapPools), used(beforeGc, heapPools), info.getGcInfo().getDuration(),
                used(afterGc, oldPools), used(beforeGc, oldPools), info.getGcName().replace(' ', '_'),
                info.getGcAction().replace(' ', '_'), info.getGcCause().replace(' ', '_')));
    }

    private static long used(Map<String, MemoryUsage> pools, Set<String> names) {
        long used = 0;
        for (Map.Entry<String, MemoryUsage> pool : pools.entrySet()) {
            if (names.contains(pool.getKey())) {
                used += pool.getValue().getUsed();
            }
        }
        return used;
    }

    private void sample() {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        write("heap " + System.currentTimeMillis() + " " + heap.getUsed() + " " + heap.getCommitted());
    }

    private synchronized void write(String line) {
        if (!closed) {
            out.println(line);
            out.flush();
        }
    }

    /** Stops sampling and writes the closing line: collections, their time, this process's CPU time. */
    @Override
    public void close() {
        timer.shutdownNow();
        unregister.forEach(Runnable::run);
        long count = 0;
        long millis = 0;
        List<String> names = new ArrayList<>();
        for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
            count += Math.max(0, collector.getCollectionCount());
            millis += Math.max(0, collector.getCollectionTime());
            names.add(collector.getName().replace(' ', '_'));
        }
        long cpu = ManagementFactory.getOperatingSystemMXBean() instanceof OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
        write("end " + System.currentTimeMillis() + " " + count + " " + millis + " " + cpu + " "
                + String.join(",", names));
        synchronized (this) {
            closed = true;
            out.close();
        }
    }
}
