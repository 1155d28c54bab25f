package io.maskpipe.core;

/**
 * Replaces a present, non-null field with what a user function makes of it. The function is user code: an
 * {@link InvalidValueException} keeps its rule ({@code INVALID_VALUE}), {@code null} is an {@code INVALID_VALUE}, any
 * other throw a {@code TRANSFORM_FAILED} naming the exception's class only.
 */
record ConvertStep(FieldPath path, Transforms.Conversion conversion) implements Transform {

    @Override
    public Outcome apply(Record record) {
        Value value = record.getOrNull(path);
        if (value == null || value instanceof Value.Null) {
            return Outcome.accept(record);
        }
        Value converted;
        try {
            converted = conversion.apply(value);
        } catch (InvalidValueException e) {
            return Steps.reject(ReasonCode.INVALID_VALUE, path, e.rule());
        } catch (RuntimeException e) {
            return Steps.reject(ReasonCode.TRANSFORM_FAILED, path, Steps.threw("conversion", e));
        }
        if (converted == null) {
            return Steps.reject(ReasonCode.INVALID_VALUE, path, "conversion gave no value");
        }
        return Steps.set(record, path, converted);
    }

    @Override
    public String toString() {
        return "convert(" + path + ")";
    }
}
