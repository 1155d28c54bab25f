package io.maskpipe.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HarnessReportTest {
    private static final String PIPELINE = "pipeline, apache5 (4p 2w, batch 500, in flight 4000)";
    private static final String SDK = "SDK ceiling, apache5 (12 threads)";
    private static final String HAND = "hand-written loader, apache5 (12 threads, COPY of 100)";

    @Test
    void summary_roundsWhereOnlySomeJitsSettled_givesTheTargetsAgainOverTheSettledRoundsAlone() {
        List<PhaseResult> results = new ArrayList<>();
        // round 1: the SDK loop still compiles (12 us/msg of compiler CPU); round 2: every contender settled
        results.add(phase(PIPELINE, 20_000, 25, 1));
        results.add(phase(SDK, 20_000, 40, 12));
        results.add(phase(HAND, 20_000, 30, 1));
        results.add(phase(PIPELINE, 20_000, 25, 1));
        results.add(phase(SDK, 40_000, 20, 2));
        results.add(phase(HAND, 20_000, 24, 1));

        String text = summary(results, 2);

        String settled = text.substring(text.indexOf("over the rounds in which every contender's JIT had settled"));
        assertThat(settled).contains("(compiler threads under 3 us/msg): [2]");
        assertThat(settled).containsPattern("pipeline / SDK ceiling \\(apache5\\) +0\\.50");
        assertThat(settled).containsPattern("pipeline CPU/msg / SDK CPU/msg \\(apache5\\) +1\\.25");
        assertThat(settled).containsPattern("hand-written loader's CPU/msg / SDK loop's \\(apache5\\) +1\\.20");
    }

    @Test
    void summary_everyRoundSettled_addsNothing() {
        List<PhaseResult> results = List.of(phase(PIPELINE, 20_000, 25, 1), phase(SDK, 40_000, 20, 2),
                phase(PIPELINE, 20_000, 25, 1), phase(SDK, 40_000, 20, 2));

        assertThat(summary(results, 2)).doesNotContain("had settled");
    }

    private static String summary(List<PhaseResult> results, int rounds) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        HarnessOptions options = HarnessOptions.parse(new String[] {"--rounds", Integer.toString(rounds),
            "--clients", "apache5"});
        new HarnessReport(new PrintStream(bytes, true, StandardCharsets.UTF_8), options).summary(results);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    // A phase whose steady window held 10,000 messages at the given rate, CPU and compiler CPU per message.
    private static PhaseResult phase(String name, double rate, double cpuMicros, double jitMicros) {
        long messages = 10_000;
        long nanos = (long) (messages / rate * 1e9);
        SteadyMeter.Window window = new SteadyMeter.Window(messages, nanos, (long) (cpuMicros * 1e3 * messages), 0,
                0, new SteadyMeter.JvmShare(0, 0, 0, (long) (jitMicros * 1e3 * messages)), "");
        return new PhaseResult(name, messages, nanos, window);
    }
}
