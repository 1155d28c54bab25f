package io.maskpipe.core;

/** Sets a field to what a user function computes from the whole record, guarded by {@link Steps#setComputed}. */
record DeriveStep(FieldPath target, Transforms.Derivation derivation) implements Transform {

    @Override
    public Outcome apply(Record record) {
        return Steps.setComputed(record, target, "derivation", () -> derivation.apply(record));
    }

    @Override
    public String toString() {
        return "derive(" + target + ")";
    }
}
