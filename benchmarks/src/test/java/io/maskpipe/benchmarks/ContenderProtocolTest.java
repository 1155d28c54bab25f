package io.maskpipe.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ContenderProtocolTest {

    @Test
    void aResultLineGivesBackEveryFigureOfThePhase() {
        SteadyMeter.Window window = new SteadyMeter.Window(18_000, 700_000_000L, 480_000_000L, 720_000_000L,
                130_000_000L, new SteadyMeter.JvmShare(12, 3, 40_000_000L, 20_000_000L),
                "    pollers 10.6 us, 4,012 B\n    context switches per msg: 0.32, of which writers 0.10");
        PhaseResult sent = new PhaseResult("pipeline, apache5 (4p 2w, batch 500, in flight 4000)", 30_000,
                1_400_000_000L, window, "DeleteMessageBatch 10.0, ReceiveMessage 10.1 calls per 100 msgs");

        PhaseResult read = ContenderProtocol.parseResult(ContenderProtocol.resultLine(sent));

        assertThat(read).isEqualTo(sent);
        assertThat(read.cpuMicrosPerMessage()).isEqualTo(sent.cpuMicrosPerMessage());
    }

    @Test
    void aResultWithoutANoteOrASteadyWindowComesBackAsSent() {
        PhaseResult sent = new PhaseResult("SDK ceiling, crt (12 threads)", 7, 5_000_000L,
                new SteadyMeter.Window(0, 0, 0, -1, -1, new SteadyMeter.JvmShare(-1, -1, -1, -1), ""));

        assertThat(ContenderProtocol.parseResult(ContenderProtocol.resultLine(sent))).isEqualTo(sent);
    }

    @Test
    void tabsAndLineBreaksInANameBecomeSpacesSoTheLineStaysOneLine() {
        PhaseResult sent = new PhaseResult("a\tname\nwith breaks", 1, 1, new SteadyMeter.Window(0, 0, 0, -1, -1,
                new SteadyMeter.JvmShare(-1, -1, -1, -1), "line one\nline two"), "a\tnote");

        String line = ContenderProtocol.resultLine(sent);

        assertThat(line).doesNotContain("\n");
        assertThat(ContenderProtocol.parseResult(line).name()).isEqualTo("a name with breaks");
        assertThat(ContenderProtocol.parseResult(line).note()).isEqualTo("a note");
        assertThat(ContenderProtocol.parseResult(line).steady().threads()).isEqualTo("line one\nline two");
    }

    @Test
    void aRunLineGivesBackItsQueueItsMessageCountAndItsProfileFile() {
        ContenderProtocol.Run profiled = new ContenderProtocol.Run("http://127.0.0.1:9324/000000000000/e2e-3",
                30_000, Path.of("/tmp/e2e/pipeline-apache5.jfr"));
        ContenderProtocol.Run plain = new ContenderProtocol.Run("http://127.0.0.1:9324/000000000000/e2e-4", 5, null);

        assertThat(ContenderProtocol.parseRun(ContenderProtocol.runLine(profiled))).isEqualTo(profiled);
        assertThat(ContenderProtocol.parseRun(ContenderProtocol.runLine(plain))).isEqualTo(plain);
    }

    @Test
    void aLineOfAnotherKindOrLengthIsRefused() {
        assertThatThrownBy(() -> ContenderProtocol.parseResult(ContenderProtocol.READY))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'result' line");
        assertThatThrownBy(() -> ContenderProtocol.parseRun("run\thttp://q\t12"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("got 3 fields");
    }
}
