package io.maskpipe.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/** The builder's checks, each message word for word. */
class MicrometerListenerBuilderTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void of_nullRegistry_namesTheParameter() {
        assertThatThrownBy(() -> MicrometerListener.of(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("registry");
        assertThatThrownBy(() -> MicrometerListener.of(registry, null)).isInstanceOf(NullPointerException.class)
                .hasMessage("tags");
    }

    @Test
    void builder_settingTwice_fails() {
        assertThatThrownBy(() -> MicrometerListener.builder(registry).tags(Tags.of("a", "b")).tags(Tags.empty()))
                .isInstanceOf(IllegalStateException.class).hasMessage("tags: already set");
        assertThatThrownBy(() -> MicrometerListener.builder(registry).messagingSystem("kafka")
                .messagingSystem("kafka")).isInstanceOf(IllegalStateException.class)
                .hasMessage("messagingSystem: already set");
        assertThatThrownBy(() -> MicrometerListener.builder(registry).publishPercentiles(0.5).publishPercentiles(0.9))
                .isInstanceOf(IllegalStateException.class).hasMessage("publishPercentiles: already set");
        assertThatThrownBy(() -> MicrometerListener.builder(registry).publishPercentileHistogram(false)
                .publishPercentileHistogram(true)).isInstanceOf(IllegalStateException.class)
                .hasMessage("publishPercentileHistogram: already set");
    }

    @Test
    void tags_keyTheListenerSets_isRefused() {
        assertThatThrownBy(() -> MicrometerListener.of(registry, Tags.of("reason", "x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("tags: 'reason' is set by the listener");
        assertThatThrownBy(() -> MicrometerListener.of(registry, Tags.of("messaging.system", "kafka")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tags: 'messaging.system' is set by the listener, use messagingSystem(...)");
        assertThat(registry.getMeters()).isEmpty();
    }

    @Test
    void messagingSystem_blank_isRefused() {
        assertThatThrownBy(() -> MicrometerListener.builder(registry).messagingSystem(" "))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("messagingSystem: must not be blank");
    }

    @Test
    void publishPercentiles_outOfRangeOrNone_isRefused() {
        assertThatThrownBy(() -> MicrometerListener.builder(registry).publishPercentiles(0.5, 1.5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("publishPercentiles: 1.5 given, 0 to 1 allowed");
        assertThatThrownBy(() -> MicrometerListener.builder(registry).publishPercentiles(Double.NaN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("publishPercentiles: NaN given, 0 to 1 allowed");
        assertThatThrownBy(() -> MicrometerListener.builder(registry).publishPercentiles())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("publishPercentiles: no percentile given");
    }

    @Test
    void build_percentilesChangedAfterwards_keepsWhatWasGiven() {
        // given
        double[] percentiles = {0.5, 0.99};
        MicrometerListener.Builder builder = MicrometerListener.builder(registry).publishPercentiles(percentiles);

        // when
        percentiles[0] = 0.1;
        MicrometerListener listener = builder.build();

        // then
        assertThat(listener.toString()).isEqualTo("MicrometerListener[tags=[tag(messaging.system=aws_sqs)],"
                + " percentiles=[0.5, 0.99], histogram=false]");
    }
}
