/**
 * maskpipe's Micrometer metrics: {@code MicrometerListener} turns a pipeline's events into meters of a Micrometer
 * {@code MeterRegistry}, which any Micrometer registry (OTLP, Prometheus...) then publishes.
 *
 * <p>Core, whose {@code PipelineListener} the listener implements, and Micrometer's core, whose {@code MeterRegistry}
 * and {@code Tag} the API takes, are required transitively. Micrometer's jars are automatic modules.
 *
 * @since 0.1.0
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module io.maskpipe.micrometer {
    requires transitive io.maskpipe.core;
    requires transitive micrometer.core;

    exports io.maskpipe.micrometer;
}
