/**
 * Micrometer metrics for maskpipe pipelines: {@link io.maskpipe.micrometer.MicrometerListener} is a
 * {@link io.maskpipe.core.PipelineListener} that records messages received, written, duplicate, rejected and
 * dead-lettered, retries, failed acknowledgements, messages in flight, batch size and batch write time as meters
 * of a {@code MeterRegistry}. {@code docs/pipeline.md} ("Metrics") lists every meter.
 *
 * <p>Every parameter and return value is non-null unless its javadoc says otherwise.
 *
 * @since 0.1.0
 */
package io.maskpipe.micrometer;
