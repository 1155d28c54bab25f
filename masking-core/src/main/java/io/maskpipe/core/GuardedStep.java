package io.maskpipe.core;

import io.maskpipe.core.record.Outcome;
import io.maskpipe.core.record.ReasonCode;
import io.maskpipe.core.record.Record;
import io.maskpipe.core.record.Rejection;

/**
 * Runs a custom transform so that a throw or a {@code null} outcome becomes a {@code TRANSFORM_FAILED} rejection
 * naming the exception's class, never its message.
 */
record GuardedStep(Transform delegate) implements Transform {

    @Override
    public Outcome apply(Record record) {
        Outcome outcome;
        try {
            outcome = delegate.apply(record);
        } catch (RuntimeException e) {
            return Outcome.reject(Rejection.of(ReasonCode.TRANSFORM_FAILED, Steps.threw("transform", e)));
        }
        return outcome != null ? outcome
                : Outcome.reject(Rejection.of(ReasonCode.TRANSFORM_FAILED, "transform returned no outcome"));
    }

    static Transform of(Transform transform) {
        return isBuiltIn(transform) ? transform : new GuardedStep(transform);
    }

    private static boolean isBuiltIn(Transform t) {
        return t instanceof GuardedStep || t instanceof ChainStep || t instanceof MaskStep || t instanceof DropStep
                || t instanceof RenameStep || t instanceof KeepOnlyStep || t instanceof RequireStep
                || t instanceof MaxLengthStep || t instanceof ConvertStep || t instanceof DeriveStep
                || t instanceof KeepStep || t instanceof UnknownFieldsStep;
    }

    @Override
    public String toString() {
        return "guarded(" + delegate.getClass().getName() + ")";
    }
}
