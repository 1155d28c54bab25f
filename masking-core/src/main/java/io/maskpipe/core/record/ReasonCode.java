package io.maskpipe.core.record;

/**
 * Why a message was rejected: a closed set of codes that metrics, dead letters and alerts can group by.
 *
 * <p>Each code comes with a field path and a rule in its {@link Rejection}, never with the value that broke it.
 *
 * @since 0.1.0
 */
public enum ReasonCode {
    /** The body is not well-formed JSON. */
    MALFORMED_JSON,
    /** The body is JSON, but not an object at the top level. */
    NOT_AN_OBJECT,
    /** The body is longer than the configured limit. */
    BODY_TOO_LARGE,
    /** The body is not valid UTF-8. */
    INVALID_ENCODING,
    /** A required field is absent. */
    MISSING_FIELD,
    /** A required field is JSON null. */
    NULL_FIELD,
    /** A field has a kind the step cannot take (a list where text was expected, say). */
    WRONG_TYPE,
    /** A field's text is longer than allowed. */
    VALUE_TOO_LONG,
    /** A field's value does not follow the rule a conversion or column needs. */
    INVALID_VALUE,
    /** A masker threw or returned nothing for a value. */
    MASKER_FAILED,
    /** A custom transform threw. */
    TRANSFORM_FAILED,
    /** The sink's store refused the record (a constraint or a value that does not fit a column). */
    SINK_REJECTED,
    /**
     * The record holds a field no step names, under a strict field policy
     * ({@code PipelineStage.unknownFields(UnknownFields.REJECT)}); the rejection names its path only.
     */
    UNKNOWN_FIELD
}
