package io.maskpipe.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The drain measurement's figures: the child's heap samples ({@link HeapSampler}'s file) placed on the drain's
 * progress, which the harness recorded as {@link Point}s (messages gone from the queue, and CPU time so far, at a
 * wall-clock time). Prints the post-GC used heap per tenth of the drain, a verdict of flatness, the collections,
 * and the rate and CPU per message between 10 % and 90 % of the messages.
 *
 * <p>With G1 the heap used after a young collection includes old garbage that waits for the next mixed collection,
 * and G1 moves that point as it adapts, so the verdict reads the heap after the collections that did collect old
 * objects (mixed and full): their median in the second tenth of the drain against the ninth. Both also depend on
 * how many messages were in flight at the moment (up to 4,000), hence medians rather than single samples, and the
 * messages in flight (received, not yet deleted, as the queue counts them) beside them.
 */
final class DrainReport {
    private static final double MIB = 1024.0 * 1024.0;
    /** The heap is flat when the settled heap late in the drain is within this share of the early one... */
    private static final double FLAT_SHARE = 0.10;
    /** ...or within this many bytes of it, whichever is larger. */
    private static final long FLAT_BYTES = 2L << 20;

    /**
     * One reading of the harness: when, messages gone from the queue, messages received and not yet deleted (in
     * flight in the pipeline, which holds them in its heap), CPU nanoseconds of child, queue, database.
     */
    record Point(long wallMillis, long done, long inFlight, long childCpu, long queueCpu, long databaseCpu) {
    }

    /** One collection in the child: when it was reported, heap and old generation used after and before, kind. */
    record Gc(long wallMillis, long after, long before, long millis, long oldAfter, long oldBefore, String kind) {
        /**
         * Whether it collected old objects (G1's mixed and full collections): what is left is then near the live set.
         */
        boolean collectedOld() {
            return oldAfter < oldBefore || kind.startsWith("G1_Old") || kind.contains("MarkSweep");
        }
    }

    /** The child's closing line: collections and their time over its life, its CPU time, its collectors. */
    record End(long gcCount, long gcMillis, long cpuNanos, String collectors) {
    }

    private final long messages;
    private final List<Point> points;
    private final List<Gc> gcs = new ArrayList<>();
    private final List<long[]> heap = new ArrayList<>();
    private End end;

    private DrainReport(long messages, List<Point> points) {
        this.messages = messages;
        this.points = List.copyOf(points);
    }

    /** Reads the child's sample file against the progress the harness recorded. */
    static DrainReport read(long messages, List<Point> points, Path samples) throws IOException {
        if (points.size() < 2) {
            throw new IllegalStateException("the drain recorded fewer than two progress points");
        }
        DrainReport report = new DrainReport(messages, points);
        for (String line : Files.readAllLines(samples, StandardCharsets.UTF_8)) {
            String[] f = line.split(" ");
            switch (f[0]) {
                case "gc" -> report.gcs.add(new Gc(Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]),
                        Long.parseLong(f[4]), Long.parseLong(f[5]), Long.parseLong(f[6]), f[7]));
                case "heap" -> report.heap.add(new long[] {Long.parseLong(f[1]), Long.parseLong(f[2]),
                        Long.parseLong(f[3])});
                case "end" -> report.end = new End(Long.parseLong(f[2]), Long.parseLong(f[3]), Long.parseLong(f[4]),
                        f.length > 5 ? f[5] : "?");
                default -> throw new IllegalStateException("unknown sample line kind: " + f[0]);
            }
        }
        return report;
    }

    /** Prints the figures; returns whether the heap was flat by the rule above. */
    boolean print(PrintStream out, String heapLimit) {
        long start = wallAt(0.0);
        long drained = wallAt(1.0);
        out.printf(Locale.ROOT, "%nHeap of the pipeline's JVM (-Xmx%s; collectors %s), per tenth of the drain "
                + "(messages gone from the queue):%n", heapLimit, end == null ? "?" : end.collectors());
        out.println("  progress    GCs   post-GC used heap, MiB: min / median / max   old-gen GCs, median after"
                + "   periodic used max   committed max   in flight, median");
        long[] settled = new long[10];
        long maxAfter = 0;
        for (int tenth = 0; tenth < 10; tenth++) {
            long from = tenth == 0 ? Long.MIN_VALUE : wallAt(tenth / 10.0);
            long to = wallAt((tenth + 1) / 10.0);
            List<Long> after = new ArrayList<>();
            List<Long> afterOld = new ArrayList<>();
            for (Gc gc : gcs) {
                if (gc.wallMillis() >= from && gc.wallMillis() < to) {
                    after.add(gc.after());
                    if (gc.collectedOld()) {
                        afterOld.add(gc.after());
                    }
                }
            }
            after.sort(null);
            afterOld.sort(null);
            List<Long> inFlight = new ArrayList<>();
            for (Point p : points) {
                if (p.wallMillis() >= from && p.wallMillis() < to) {
                    inFlight.add(p.inFlight());
                }
            }
            inFlight.sort(null);
            long usedMax = 0;
            long committedMax = 0;
            for (long[] sample : heap) {
                if (sample[0] >= from && sample[0] < to) {
                    usedMax = Math.max(usedMax, sample[1]);
                    committedMax = Math.max(committedMax, sample[2]);
                }
            }
            settled[tenth] = afterOld.isEmpty() ? -1 : afterOld.get(afterOld.size() / 2);
            maxAfter = Math.max(maxAfter, after.isEmpty() ? 0 : after.get(after.size() - 1));
            out.printf(Locale.ROOT, "  %3d-%3d %%  %5d   %32s   %11s   %17.1f   %13.1f   %17s%n", tenth * 10,
                    tenth * 10 + 10, after.size(), after.isEmpty() ? "-" : String.format(Locale.ROOT,
                            "%.1f / %.1f / %.1f", after.get(0) / MIB, after.get(after.size() / 2) / MIB,
                            after.get(after.size() - 1) / MIB), afterOld.isEmpty() ? "0, -"
                            : String.format(Locale.ROOT, "%d, %.1f", afterOld.size(), settled[tenth] / MIB),
                    usedMax / MIB, committedMax / MIB, inFlight.isEmpty() ? "-"
                            : String.format(Locale.ROOT, "%,d", inFlight.get(inFlight.size() / 2)));
        }
        long early = settled[1];
        long late = settled[8];
        boolean flat = early > 0 && late > 0 && late - early <= Math.max(FLAT_BYTES, (long) (early * FLAT_SHARE));
        out.printf(Locale.ROOT, "  verdict: %s: median heap after old-gen collections %.1f MiB at 10-20 %% and %.1f "
                + "MiB at 80-90 %% (%+.1f MiB; flat means within %d %% or %d MiB); largest post-GC used heap %.1f "
                + "MiB%n", flat ? "FLAT" : "NOT FLAT", early / MIB, late / MIB, (late - early) / MIB,
                Math.round(FLAT_SHARE * 100), FLAT_BYTES >> 20, maxAfter / MIB);

        long drainGcs = gcs.stream().filter(g -> g.wallMillis() >= start && g.wallMillis() <= drained).count();
        long drainGcMillis = gcs.stream().filter(g -> g.wallMillis() >= start && g.wallMillis() <= drained)
                .mapToLong(Gc::millis).sum();
        out.printf(Locale.ROOT, "  collections while draining: %,d, %,d ms in all (%.1f %% of %.1f s)",
                drainGcs, drainGcMillis, 100.0 * drainGcMillis / Math.max(1, drained - start),
                (drained - start) / 1000.0);
        if (end != null) {
            out.printf(Locale.ROOT, "; over the JVM's life: %,d, %,d ms", end.gcCount(), end.gcMillis());
        }
        out.println();

        long t10 = wallAt(0.1);
        long t90 = wallAt(0.9);
        double window = messages * 0.8;
        out.printf(Locale.ROOT, "%nSteady state, 10 %% to 90 %% of the messages (%,.0f messages in %.1f s): "
                + "%,.0f msgs/s%n", window, (t90 - t10) / 1000.0, window * 1000.0 / Math.max(1, t90 - t10));
        out.printf(Locale.ROOT, "  CPU per message: pipeline JVM %.1f us, ElasticMQ %s, PostgreSQL %s%n",
                cpuPerMessage(t10, t90, Point::childCpu, window), micros(cpuPerMessage(t10, t90, Point::queueCpu,
                        window)), micros(cpuPerMessage(t10, t90, Point::databaseCpu, window)));
        out.printf(Locale.ROOT, "  whole drain (first message gone to last): %.1f s, %,.0f msgs/s%n",
                (drained - start) / 1000.0, messages * 1000.0 / Math.max(1, drained - start));
        return flat;
    }

    private static String micros(double value) {
        return value < 0 ? "unknown" : String.format(Locale.ROOT, "%.1f us", value);
    }

    /** CPU microseconds per message between two times, from one counter; negative when that counter is unknown. */
    private double cpuPerMessage(long from, long to, ToDoubleFunction<Point> counter, double window) {
        double a = valueAt(from, counter);
        double b = valueAt(to, counter);
        if (a < 0 || b < 0) {
            return -1;
        }
        return (b - a) / 1000.0 / window;
    }

    /** The wall-clock time at which this share of the messages had gone, interpolated between readings. */
    private long wallAt(double share) {
        double target = share * messages;
        Point previous = points.get(0);
        if (share <= 0) {
            for (Point p : points) { // the last reading before the first message went
                if (p.done() > 0) {
                    return previous.wallMillis();
                }
                previous = p;
            }
            return previous.wallMillis();
        }
        for (Point p : points) {
            if (p.done() >= target) {
                if (p.done() == previous.done()) {
                    return p.wallMillis();
                }
                double f = (target - previous.done()) / (double) (p.done() - previous.done());
                return previous.wallMillis() + Math.round(f * (p.wallMillis() - previous.wallMillis()));
            }
            previous = p;
        }
        return points.get(points.size() - 1).wallMillis();
    }

    /** A counter's value at a wall-clock time, interpolated between readings; -1 when a reading is unknown. */
    private double valueAt(long wall, ToDoubleFunction<Point> counter) {
        Point previous = points.get(0);
        for (Point p : points) {
            if (p.wallMillis() >= wall) {
                double a = counter.applyAsDouble(previous);
                double b = counter.applyAsDouble(p);
                if (a < 0 || b < 0) {
                    return -1;
                }
                if (p.wallMillis() == previous.wallMillis()) {
                    return b;
                }
                double f = (wall - previous.wallMillis()) / (double) (p.wallMillis() - previous.wallMillis());
                return a + f * (b - a);
            }
            previous = p;
        }
        return counter.applyAsDouble(points.get(points.size() - 1));
    }
}
