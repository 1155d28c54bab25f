package io.maskpipe.core;

/**
 * Sets a field to what a user function computes from the whole record, guarded like {@link ConvertStep}; the
 * rejections name the target field.
 */
record DeriveStep(FieldPath target, Transforms.Derivation derivation) implements Transform {

    @Override
    public Outcome apply(Record record) {
        Value derived;
        try {
            derived = derivation.apply(record);
        } catch (InvalidValueException e) {
            return Steps.reject(ReasonCode.INVALID_VALUE, target, e.rule());
        } catch (RuntimeException e) {
            return Steps.reject(ReasonCode.TRANSFORM_FAILED, target, Steps.threw("derivation", e));
        }
        if (derived == null) {
            return Steps.reject(ReasonCode.INVALID_VALUE, target, "derivation gave no value");
        }
        return Steps.set(record, target, derived);
    }

    @Override
    public String toString() {
        return "derive(" + target + ")";
    }
}
