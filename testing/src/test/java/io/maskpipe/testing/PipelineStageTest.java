package io.maskpipe.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskpipe.core.Pipeline;
import io.maskpipe.core.PipelineStage;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Builder validation: every message word for word. */
class PipelineStageTest {
    private final PipelineStage stage = Pipeline.from(InMemorySource.create());

    @Test
    void settingTwice_fails_namingTheSetting() {
        assertThatThrownBy(() -> stage.pollers(2).pollers(3)).isInstanceOf(IllegalStateException.class)
                .hasMessage("pipeline: pollers is already set");
        assertThatThrownBy(() -> stage.batching(10, Duration.ZERO).batching(20, Duration.ZERO))
                .hasMessage("pipeline: batching is already set");
        assertThatThrownBy(() -> stage.retry(Duration.ZERO, Duration.ZERO)
                .retry(Duration.ZERO, Duration.ZERO, 3)).hasMessage("pipeline: retry is already set");
        assertThatThrownBy(() -> stage.deadLettersUnsealed(InMemoryDeadLetters.create())
                .deadLettersUnsealed(InMemoryDeadLetters.create())).hasMessage("pipeline: deadLetters is already set");
        assertThatThrownBy(() -> stage.visibilityHeartbeat(true).visibilityHeartbeat(false))
                .hasMessage("pipeline: visibilityHeartbeat is already set");
    }

    @Test
    void settingsOutOfRange_fail_namingSettingAndValue() {
        assertThatThrownBy(() -> stage.pollers(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("pipeline: pollers must be at least 1, was 0");
        assertThatThrownBy(() -> stage.writers(-1)).hasMessage("pipeline: writers must be at least 1, was -1");
        assertThatThrownBy(() -> stage.maxInFlight(0)).hasMessage("pipeline: maxInFlight must be at least 1, was 0");
        assertThatThrownBy(() -> stage.batching(0, Duration.ZERO))
                .hasMessage("pipeline: batching maxRows must be at least 1, was 0");
        assertThatThrownBy(() -> stage.batching(10, Duration.ofMillis(-1)))
                .hasMessage("pipeline: batching maxLinger must not be negative, was PT-0.001S");
        assertThatThrownBy(() -> stage.pollWait(Duration.ofSeconds(-1)))
                .hasMessage("pipeline: pollWait must not be negative, was PT-1S");
        assertThatThrownBy(() -> stage.emptyReceivesToDrain(0))
                .hasMessage("pipeline: emptyReceivesToDrain must be at least 1, was 0");
        assertThatThrownBy(() -> stage.retry(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessage("pipeline: retry maxDelay (PT1S) must not be shorter than initialDelay (PT2S)");
        assertThatThrownBy(() -> stage.retry(Duration.ZERO, Duration.ZERO, 0))
                .hasMessage("pipeline: retry maxAttempts must be at least 1, was 0");
    }

    @Test
    void nullArguments_fail_namingTheParameter() {
        assertThatThrownBy(() -> Pipeline.from(null)).isInstanceOf(NullPointerException.class).hasMessage("source");
        assertThatThrownBy(() -> stage.to(null)).hasMessage("sink");
        assertThatThrownBy(() -> stage.listener(null)).hasMessage("listener");
        assertThatThrownBy(() -> stage.pollWait(null)).hasMessage("pollWait");
    }

    @Test
    void to_maxInFlightBelowBatchSize_fails() {
        assertThatThrownBy(() -> stage.batching(100, Duration.ZERO).maxInFlight(50).to(InMemorySink.create()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("pipeline: maxInFlight (50) must be at least the batch size (100)");
    }

    @Test
    void stage_isImmutable_stepsAndSettingsReturnNewStages() {
        PipelineStage masked = stage.mask("ip", (v, c) -> "x");
        PipelineStage both = masked.drop("debug");

        assertThat(masked).isNotSameAs(both);
        assertThat(masked).hasToString("PipelineStage[mask(ip)]");
        assertThat(both).hasToString("PipelineStage[mask(ip), drop[debug]]");
        assertThat(masked.pollers(1)).isNotSameAs(masked);
        masked.pollers(4); // the shared stage keeps no setting from a branch
        assertThat(masked.pollers(3)).isNotNull();
    }
}
