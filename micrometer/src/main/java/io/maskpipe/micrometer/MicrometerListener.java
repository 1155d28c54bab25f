package io.maskpipe.micrometer;

import io.maskpipe.core.PipelineListener;
import io.maskpipe.core.record.Rejection;
import io.maskpipe.core.spi.ConnectorException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;

/**
 * A {@link PipelineListener} that records what a pipeline does as Micrometer meters: messages received, written,
 * duplicate, rejected (by reason code), dead-lettered and released, retries, failed acknowledgements, messages in
 * flight, batch size and batch write time. {@code docs/pipeline.md} ("Metrics") has the table of every meter.
 *
 * <pre>{@code
 * PipelineListener metrics = MicrometerListener.of(registry, Tags.of("pipeline", "user-logins"));
 * PipelineSummary summary = Pipeline.from(source)
 *         .require("user_id")
 *         .deadLetters(deadLetters, keyring)
 *         .listener(metrics)
 *         .to(sink)
 *         .run();
 * }</pre>
 *
 * <p>Every meter carries the given tags and {@code messaging.system} ({@code aws_sqs} unless the
 * {@linkplain #builder builder} says otherwise); the others are low-cardinality by construction (a reason code, a
 * failure's kind and exception class), never a message id, field path or value. Percentiles and histograms are off
 * unless the builder turns them on. The meters register when the listener is created, so they read zero before the
 * first message; listeners of one registry with the same tags share their meters and add up. Immutable and
 * thread-safe.
 *
 * @since 0.1.0
 */
public final class MicrometerListener implements PipelineListener {
    private final Meters meters;
    private final String description;

    private MicrometerListener(Meters meters, String description) {
        this.meters = meters;
        this.description = description;
    }

    /**
     * Returns a listener that records into the registry, with {@code messaging.system=aws_sqs} and no other tag.
     *
     * @param registry where the meters go
     * @return the listener
     */
    public static MicrometerListener of(MeterRegistry registry) {
        return builder(registry).build();
    }

    /**
     * Returns a listener that records into the registry with these tags on every meter, such as the pipeline's
     * name: constant values only, never one per message.
     *
     * @param registry where the meters go
     * @param tags the tags, none of them a key the listener sets itself ({@code messaging.system},
     *     {@code messaging.operation.name}, {@code reason}, {@code kind}, {@code exception})
     * @return the listener
     * @throws IllegalArgumentException when a tag uses a key the listener sets itself
     */
    public static MicrometerListener of(MeterRegistry registry, Iterable<Tag> tags) {
        return builder(registry).tags(tags).build();
    }

    /**
     * Returns a builder for a listener with other settings: tags, the messaging system, percentiles, histograms.
     *
     * @param registry where the meters go
     * @return a new builder
     */
    public static MicrometerListener.Builder builder(MeterRegistry registry) {
        return new Builder(Objects.requireNonNull(registry, "registry"));
    }

    @Override
    public void received(int count) {
        meters.consumed.increment(count);
        meters.inFlight.add(count);
    }

    @Override
    public void written(int count) {
        meters.written.increment(count);
        meters.inFlight.add(-count);
    }

    @Override
    public void duplicates(int count) {
        meters.duplicate.increment(count);
        meters.inFlight.add(-count);
    }

    /** Counts the rejection by its reason code, and as a dead letter when it was stored; the message id is unused. */
    @Override
    public void rejected(String messageId, Rejection rejection, boolean deadLettered) {
        meters.rejected.withTags(Meters.reason(rejection.reason())).increment();
        if (deadLettered) {
            meters.deadLettered.withTags(Meters.reason(rejection.reason())).increment();
        }
        meters.inFlight.add(-1);
    }

    @Override
    public void retried(int attempt, Duration delay, ConnectorException failure) {
        meters.retries.withTags(Meters.failure(failure)).increment();
    }

    @Override
    public void batchWritten(int size, Duration latency) {
        meters.batchSize.record(size);
        meters.processDuration.record(latency);
    }

    @Override
    public void acknowledgeFailed(int count, RuntimeException failure) {
        meters.acknowledgeFailed.withTags(Meters.failure(failure)).increment(count);
    }

    @Override
    public void released(int count) {
        meters.released.increment(count);
        meters.inFlight.add(-count);
    }

    /** Returns the settings, never a count: {@code MicrometerListener[tags=[tag(pipeline=user-logins)], ...]}. */
    @Override
    public String toString() {
        return description;
    }

    /**
     * Collects the settings of a {@link MicrometerListener}. Each setting may be given once; {@link #build()}
     * copies them, and registers the meters. Not thread-safe.
     *
     * <pre>{@code
     * MicrometerListener metrics = MicrometerListener.builder(registry)
     *         .tags(Tags.of("pipeline", "user-logins"))
     *         .publishPercentiles(0.5, 0.99)
     *         .publishPercentileHistogram(true)
     *         .build();
     * }</pre>
     *
     * @since 0.1.0
     */
    public static final class Builder {
        private final MeterRegistry registry;
        private Tags tags;
        private String messagingSystem;
        private double[] percentiles;
        private Boolean histogram;

        private Builder(MeterRegistry registry) {
            this.registry = registry;
        }

        /**
         * Sets tags for every meter, such as the pipeline's name. Default: none.
         *
         * @param tags constant tags, none of them a key the listener sets itself ({@code messaging.system},
         *     {@code messaging.operation.name}, {@code reason}, {@code kind}, {@code exception})
         * @return this builder
         * @throws IllegalArgumentException when a tag uses a key the listener sets itself
         */
        public Builder tags(Iterable<Tag> tags) {
            once(this.tags, "tags");
            Tags given = Tags.of(Objects.requireNonNull(tags, "tags"));
            for (Tag tag : given) {
                if (Meters.OWN_TAG_KEYS.contains(tag.getKey())) {
                    throw new IllegalArgumentException("tags: '" + tag.getKey() + "' is set by the listener"
                            + (tag.getKey().equals(Meters.SYSTEM) ? ", use messagingSystem(...)" : ""));
                }
            }
            this.tags = given;
            return this;
        }

        /**
         * Sets the {@code messaging.system} tag, OpenTelemetry's name of the queue the source reads. Default:
         * {@code aws_sqs}, for maskpipe's SQS source; name another for a source of your own ({@code kafka},
         * {@code rabbitmq}...).
         *
         * @param system the system's name, not blank
         * @return this builder
         */
        public Builder messagingSystem(String system) {
            once(this.messagingSystem, "messagingSystem");
            if (Objects.requireNonNull(system, "system").isBlank()) {
                throw new IllegalArgumentException("messagingSystem: must not be blank");
            }
            this.messagingSystem = system;
            return this;
        }

        /**
         * Publishes these percentiles of the batch size and of the batch write time, computed in this process (they
         * cannot be aggregated across instances). Default: none.
         *
         * @param percentiles each from 0 to 1, such as {@code 0.5} and {@code 0.99}
         * @return this builder
         */
        public Builder publishPercentiles(double... percentiles) {
            once(this.percentiles, "publishPercentiles");
            Objects.requireNonNull(percentiles, "percentiles");
            if (percentiles.length == 0) {
                throw new IllegalArgumentException("publishPercentiles: no percentile given");
            }
            for (double p : percentiles) {
                if (!(p >= 0 && p <= 1)) {
                    throw new IllegalArgumentException("publishPercentiles: " + p + " given, 0 to 1 allowed");
                }
            }
            this.percentiles = percentiles.clone();
            return this;
        }

        /**
         * Publishes histogram buckets of the batch size and of the batch write time, which a backend such as
         * Prometheus aggregates into percentiles across instances. Default: false.
         *
         * @param enabled whether to publish them
         * @return this builder
         */
        public Builder publishPercentileHistogram(boolean enabled) {
            once(this.histogram, "publishPercentileHistogram");
            this.histogram = enabled;
            return this;
        }

        /**
         * Registers the meters (or finds those registered before with the same tags) and returns the listener.
         *
         * @return the listener
         */
        public MicrometerListener build() {
            String system = messagingSystem != null ? messagingSystem : "aws_sqs";
            Tags all = (tags != null ? tags : Tags.empty()).and(Meters.SYSTEM, system);
            boolean histogramOn = histogram != null && histogram;
            Meters meters = new Meters(registry, all, percentiles == null ? null : percentiles.clone(), histogramOn);
            return new MicrometerListener(meters, "MicrometerListener[tags=" + all + ", percentiles="
                    + (percentiles == null ? "none" : Arrays.toString(percentiles)) + ", histogram="
                    + histogramOn + "]");
        }

        private static void once(Object current, String setting) {
            if (current != null) {
                throw new IllegalStateException(setting + ": already set");
            }
        }
    }
}
