package io.maskpipe.core;

/**
 * What a pipeline does with a field of an incoming record that no step names: no {@code mask}, {@code keep},
 * {@code drop}, {@code rename}, {@code keepOnly}, {@code require}, {@code maxLength} or {@code convert} mentions its
 * path or a parent of it. Set with {@link PipelineStage#unknownFields(UnknownFields)}.
 *
 * <p>A strict policy means a producer that starts sending {@code email} next week does not leak it into a table by
 * accident: either the message is rejected, or the field goes.
 *
 * @since 0.1.0
 */
public enum UnknownFields {
    /** Unnamed fields pass on to the sink as they are: the default, and the weakest. */
    ALLOW,
    /**
     * A message with an unnamed field is rejected as {@link io.maskpipe.core.record.ReasonCode#UNKNOWN_FIELD}, the
     * rejection naming the first such field's path (never its value), and goes to the dead letters.
     */
    REJECT,
    /**
     * Unnamed fields are removed before any other step and counted: each removal is reported to
     * {@link PipelineListener#unknownFieldDropped}, and the message carries on.
     */
    DROP
}
