package io.maskpipe.benchmarks;

import io.maskpipe.core.Pipeline;
import io.maskpipe.core.PipelineListener;
import io.maskpipe.core.PipelineSummary;
import io.maskpipe.examples.LoginEventGenerator;
import io.maskpipe.sqs.SqsSource;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The multi-threaded engine's share of maskpipe's CPU per message: alternating rounds, each runs the same messages
 * through (a) {@link MessagePath#fullPath()} in one thread and (b) a whole {@link Pipeline#run()} with the example's
 * settings (4 pollers, 2 writers, batches of 500 or 200 ms, 4,000 in flight, 8 concurrent delete calls) over
 * {@code SqsSource} on a {@link PreloadedSqsClient}, the user-logins steps and a {@link ColumnReadingSink}, and
 * counts the process's CPU time per message for each (GC and JIT included, so quiet rounds matter). The ratio (b) /
 * (a) is what the pollers, dispatcher, writers, locks and hand-offs add to the same per-message work.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar io.maskpipe.benchmarks.PairedEngineRun [rounds]
 * [messages]} (default 9 rounds of 50,000 messages each, after 3 warm-up rounds; the process CPU clock ticks in
 * 10 ms on Linux, so a round needs some 100 ms of CPU per contender).
 */
public final class PairedEngineRun {
    private static final int WARMUP_ROUNDS = 3;
    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private PairedEngineRun() {
    }

    /**
     * Prints the median CPU per message of each contender and the median per-round ratio.
     *
     * @param args the number of measured rounds and of messages per round, both optional
     * @throws InterruptedException never in practice
     */
    public static void main(String[] args) throws InterruptedException {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 9;
        int messages = args.length > 1 ? Integer.parseInt(args[1]) : 50_000;
        List<String> bodies = LoginEventGenerator.seeded(13, 0).next(10_000);
        PreloadedSqsClient client = PreloadedSqsClient.of(bodies, 10);
        double[] single = new double[rounds];
        double[] engine = new double[rounds];
        double[] ratio = new double[rounds];
        String threads = "";
        AtomicReference<SteadyMeter> meter = new AtomicReference<>(SteadyMeter.between(0, 1));
        try (MessagePath path = new MessagePath();
             SqsSource source = SqsSource.builder().client(client).queueUrl("http://127.0.0.1:1/000000000000/q")
                     .maxBodySize(262_144).visibilityTimeout(Duration.ofSeconds(60)).build()) {
            Pipeline pipeline = MessagePath.userLogins(source, path.masker(), 500)
                    .pollers(4).writers(2).maxInFlight(4_000).pollWait(Duration.ofMillis(250))
                    .listener(new PipelineListener() {
                        @Override
                        public void written(int count) {
                            meter.get().add(count);
                        }
                    })
                    .to(new ColumnReadingSink());
            for (int round = -WARMUP_ROUNDS; round < rounds; round++) {
                long start = OS.getProcessCpuTime();
                for (int i = 0; i < messages / MessagePath.PER_RECEIVE; i++) {
                    path.fullPath();
                }
                double a = (OS.getProcessCpuTime() - start) / (double) messages;
                client.serve(messages);
                SteadyMeter steady = SteadyMeter.between(messages / 5, messages * 4L / 5);
                meter.set(steady);
                start = OS.getProcessCpuTime();
                PipelineSummary summary = pipeline.run();
                double b = (OS.getProcessCpuTime() - start) / (double) messages;
                threads = steady.window().threads();
                if (summary.written() != messages) {
                    throw new IllegalStateException("expected " + messages + " written, got " + summary);
                }
                if (round >= 0) {
                    single[round] = a;
                    engine[round] = b;
                    ratio[round] = b / a;
                }
            }
        }
        Arrays.sort(single);
        Arrays.sort(engine);
        Arrays.sort(ratio);
        System.out.printf("%d paired rounds of %d messages, process CPU per message (medians, quartiles)%n", rounds,
                messages);
        System.out.printf("one thread, runOnce   %7.0f ns/msg (%.0f-%.0f)%n", single[rounds / 2], single[rounds / 4],
                single[3 * rounds / 4]);
        System.out.printf("engine, run()         %7.0f ns/msg (%.0f-%.0f)%n", engine[rounds / 2], engine[rounds / 4],
                engine[3 * rounds / 4]);
        System.out.printf("engine / one thread   %7.2fx (%.2f-%.2f)%n", ratio[rounds / 2], ratio[rounds / 4],
                ratio[3 * rounds / 4]);
        System.out.println("last round's engine run from 20 % to 80 % of its messages, "
                + threads);
    }
}
