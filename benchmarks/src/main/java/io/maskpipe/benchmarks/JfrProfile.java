package io.maskpipe.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * A JDK Flight Recorder profile of one phase (execution samples every 2 ms, allocation samples), summarised with the
 * {@code jdk.jfr.consumer} API as shares of the samples by area: by the sampled (top) frame's package, i.e. where
 * the CPU is spent, and by the first frame outside the JDK, i.e. which library made the JDK do that work (the SDK's
 * signing shows as JDK digests in the first view and as the SDK in the second). The recording may be made in one JVM
 * and summarised in another.
 */
final class JfrProfile implements AutoCloseable {
    /** Areas by package prefix, most specific first; anything else falls into "JDK other" or "other". */
    private static final Map<String, String> AREAS = new LinkedHashMap<>();

    static {
        AREAS.put("software.amazon.awssdk.http.urlconnection", "HTTP client: url-connection (SDK side)");
        AREAS.put("software.amazon.awssdk.http.apache5", "HTTP client: Apache 5 (SDK side)");
        AREAS.put("org.apache.hc.", "HTTP client: Apache HttpClient 5");
        AREAS.put("sun.net.www.", "HTTP client: JDK HttpURLConnection");
        AREAS.put("software.amazon.awssdk.auth", "AWS SDK: signing");
        AREAS.put("software.amazon.awssdk.http.auth", "AWS SDK: signing");
        AREAS.put("software.amazon.awssdk.protocols", "AWS SDK: JSON protocol (marshalling)");
        AREAS.put("software.amazon.awssdk.thirdparty.jackson", "AWS SDK: JSON protocol (marshalling)");
        AREAS.put("software.amazon.awssdk.services.sqs", "AWS SDK: SQS model and MD5 check");
        AREAS.put("software.amazon.awssdk.", "AWS SDK: request pipeline (core, interceptors, attributes)");
        AREAS.put("io.maskpipe.sqs", "maskpipe pipeline-sqs");
        AREAS.put("io.maskpipe.postgres", "maskpipe sink-postgres");
        AREAS.put("io.maskpipe.core", "maskpipe core (engine, masking)");
        AREAS.put("org.postgresql.", "PgJDBC");
        AREAS.put("org.jdbi.", "Jdbi");
        AREAS.put("com.fasterxml.jackson", "Jackson (message bodies)");
        AREAS.put("io.maskpipe.benchmarks", "harness");
        AREAS.put("sun.security.", "JDK crypto and digests");
        AREAS.put("com.sun.crypto.", "JDK crypto and digests");
        AREAS.put("javax.crypto.", "JDK crypto and digests");
        AREAS.put("java.security.", "JDK crypto and digests");
        AREAS.put("sun.nio.", "JDK sockets and I/O");
        AREAS.put("java.net.", "JDK sockets and I/O");
        AREAS.put("java.io.", "JDK sockets and I/O");
        AREAS.put("java.util.concurrent.", "JDK concurrency");
        AREAS.put("java.lang.", "JDK lang (strings, reflection)");
        AREAS.put("java.util.", "JDK collections and utilities");
        AREAS.put("jdk.", "JDK other");
        AREAS.put("sun.", "JDK other");
        AREAS.put("java.", "JDK other");
        AREAS.put("javax.", "JDK other");
        AREAS.put("com.sun.", "JDK other");
    }

    private final Recording recording;

    private JfrProfile(Recording recording) {
        this.recording = recording;
    }

    static JfrProfile start() {
        Recording recording = new Recording();
        recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(2));
        recording.enable("jdk.ObjectAllocationSample").with("throttle", "1000/s");
        recording.start();
        return new JfrProfile(recording);
    }

    /** Stops the recording and writes it to {@code file}. */
    void stop(Path file) throws IOException {
        recording.stop();
        recording.dump(file);
    }

    /**
     * Prints the summary of a recording written by {@link #stop}, in this JVM or in another (a contender's own, with
     * {@code --jvm-per-contender}).
     */
    static void summarize(Path file, String title, PrintStream out) throws IOException {
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> caller = new HashMap<>();
        Map<String, Integer> methods = new HashMap<>();
        Map<String, Integer> entries = new HashMap<>();
        Map<String, Integer> allocatedBy = new HashMap<>();
        Map<String, Integer> allocatedClass = new HashMap<>();
        int samples = 0;
        long allocated = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            if ("jdk.ObjectAllocationSample".equals(event.getEventType().getName()) && event.getStackTrace() != null) {
                int kib = (int) Math.max(1, event.getLong("weight") >> 10);
                allocated += kib;
                allocatedBy.merge(maskpipeEntry(event.getStackTrace().getFrames()), kib, Integer::sum);
                allocatedClass.merge(event.getClass("objectClass").getName(), kib, Integer::sum);
                continue;
            }
            if (!"jdk.ExecutionSample".equals(event.getEventType().getName()) || event.getStackTrace() == null) {
                continue;
            }
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            if (frames.isEmpty()) {
                continue;
            }
            samples++;
            String top = className(frames.get(0));
            self.merge(area(top), 1, Integer::sum);
            methods.merge(top + "." + frames.get(0).getMethod().getName(), 1, Integer::sum);
            String firstOutsideJdk = top;
            for (RecordedFrame frame : frames) {
                String name = className(frame);
                if (!isJdk(name)) {
                    firstOutsideJdk = name;
                    break;
                }
            }
            caller.merge(area(firstOutsideJdk), 1, Integer::sum);
            entries.merge(maskpipeEntry(frames), 1, Integer::sum);
        }
        out.printf(Locale.ROOT, "%nJFR profile of %s: %,d execution samples, recording %s%n", title, samples, file);
        print(out, "by the sampled frame's area (where the CPU is spent)", self, samples, 14);
        print(out, "by the first frame outside the JDK (which library caused it)", caller, samples, 14);
        print(out, "by the innermost maskpipe method on the stack (what maskpipe called, with all below it)",
                entries, samples, 12);
        print(out, "hottest methods (sampled frame)", methods, samples, 15);
        if (allocated > 0 && allocated < Integer.MAX_VALUE) {
            print(out, "allocation (sampled, by weight) by the innermost maskpipe method", allocatedBy,
                    (int) allocated, 12);
            print(out, "allocation (sampled, by weight) by class", allocatedClass, (int) allocated, 12);
        }
    }

    private static void print(PrintStream out, String heading, Map<String, Integer> counts, int total, int limit) {
        out.println("  " + heading + ":");
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(limit)
                .forEach(e -> out.printf(Locale.ROOT, "    %5.1f %%  %s%n", 100.0 * e.getValue() / total, e.getKey()));
    }

    private static String maskpipeEntry(List<RecordedFrame> frames) {
        for (RecordedFrame frame : frames) {
            String name = className(frame);
            if (name.startsWith("io.maskpipe.") && !name.startsWith("io.maskpipe.benchmarks")) {
                return name.substring("io.maskpipe.".length()) + "." + frame.getMethod().getName();
            }
        }
        return "(no maskpipe frame: threads of the SDK, the HTTP client, the JDK or the harness)";
    }

    private static String className(RecordedFrame frame) {
        return frame.getMethod() == null ? "?" : frame.getMethod().getType().getName();
    }

    private static boolean isJdk(String className) {
        return className.startsWith("java.") || className.startsWith("javax.") || className.startsWith("jdk.")
                || className.startsWith("sun.") || className.startsWith("com.sun.");
    }

    static String area(String className) {
        for (Map.Entry<String, String> area : AREAS.entrySet()) {
            if (className.startsWith(area.getKey())) {
                return area.getValue();
            }
        }
        return "other (" + packageOf(className) + ")";
    }

    private static String packageOf(String className) {
        int dot = className.lastIndexOf('.');
        return dot < 0 ? className : className.substring(0, dot);
    }

    @Override
    public void close() {
        recording.close();
    }
}
