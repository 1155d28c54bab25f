package io.maskpipe.benchmarks;

import io.maskpipe.core.spi.Delivery;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH over {@link MessagePath}: time and, with {@code -prof gc}, allocation per message of the client-side path
 * ({@code fullPath}), its decoding ({@code receive}), its steps, engine and sink reads ({@code stepsAndEngine}), and
 * the JSON floor ({@code jsonTokensBaseline}). JMH times the wall clock, which other processes on a shared machine
 * stretch; {@link PairedMessagePath} counts the thread's own CPU time instead.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar MessagePathBenchmark -prof gc} (docs/performance.md).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Threads(1)
@Fork(1)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class MessagePathBenchmark {
    private MessagePath path;

    /** Builds the path with a fresh key. */
    @Setup
    public void setUp() throws InterruptedException {
        path = new MessagePath();
    }

    /** Closes the source's batch threads. */
    @TearDown
    public void tearDown() {
        path.close();
    }

    /** The whole client-side path per message. */
    @Benchmark
    @OperationsPerInvocation(MessagePath.PER_RECEIVE)
    public long fullPath() {
        return path.fullPath();
    }

    /** {@code SqsSource.receive} alone. */
    @Benchmark
    @OperationsPerInvocation(MessagePath.PER_RECEIVE)
    public List<Delivery> receive() {
        return path.receive();
    }

    /** The steps, the engine and the sink's reads over already-decoded deliveries. */
    @Benchmark
    @OperationsPerInvocation(MessagePath.PER_RECEIVE)
    public long stepsAndEngine() {
        return path.stepsAndEngine();
    }

    /** Jackson's streaming parser over the same bodies: the floor of JSON decoding. */
    @Benchmark
    @OperationsPerInvocation(MessagePath.PER_RECEIVE)
    public long jsonTokensBaseline() {
        return path.jsonTokens();
    }
}
