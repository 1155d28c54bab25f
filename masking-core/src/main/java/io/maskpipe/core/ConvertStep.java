package io.maskpipe.core;

/**
 * Replaces a present, non-null field with what a user function makes of it, guarded by
 * {@link Steps#setComputed}.
 */
record ConvertStep(FieldPath path, Transforms.Conversion conversion) implements Transform {

    @Override
    public Outcome apply(Record record) {
        Value value = record.getOrNull(path);
        if (value == null || value instanceof Value.Null) {
            return Outcome.accept(record);
        }
        return Steps.setComputed(record, path, "conversion", () -> conversion.apply(value));
    }

    @Override
    public String toString() {
        return "convert(" + path + ")";
    }
}
