package io.maskpipe.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ThreadCountersTest {

    @Test
    void theCompilerThreadsCpuIsFoundAmongThisJvmsThreadsAndIsPartOfItsProcessCpu() {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "Linux /proc only");

        long compiler = ThreadCounters.compilerNanos();

        // a JVM that has loaded and run JUnit has compiled thousands of methods: many 10 ms ticks of its C1 and C2
        assertThat(compiler).isPositive().isLessThanOrEqualTo(SteadyMeter.processCpuNanos() + 10_000_000L);
    }

    @Test
    void theKernelTimeIsAPartOfThisProcesssCpu() {
        assumeTrue(Files.isRegularFile(Path.of("/proc/self/stat")), "Linux /proc only");

        assertThat(ThreadCounters.kernelNanos()).isNotNegative()
                .isLessThanOrEqualTo(SteadyMeter.processCpuNanos() + 10_000_000L);
    }
}
