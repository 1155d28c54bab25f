package io.maskpipe.core;

/**
 * Masks one field: text as it is, numbers and booleans as their JSON text, lists and records refused. The masker is
 * user code, so a throw or a {@code null} for a value becomes a {@link ReasonCode#MASKER_FAILED} rejection naming the
 * field and the exception's class, never its message.
 */
record MaskStep(FieldPath path, Masker masker, String domain) implements Transform {

    @Override
    public Outcome apply(Record record) {
        Value value = record.getOrNull(path);
        String input;
        if (value == null || value instanceof Value.Null) {
            if (!masker.masksNull()) {
                return Outcome.accept(record);
            }
            input = null;
        } else if (value instanceof Value.Text text) {
            input = text.text();
        } else if (value instanceof Value.Number number) {
            input = number.toPlainText();
        } else if (value instanceof Value.Bool bool) {
            input = Boolean.toString(bool.bool());
        } else {
            return Steps.reject(ReasonCode.WRONG_TYPE, path, "a " + value.kind()
                    + " cannot be masked, only text, numbers and booleans");
        }
        String masked;
        try {
            masked = masker.mask(input, new MaskContext(path, domain, record.metadata()));
        } catch (RuntimeException e) {
            return Steps.reject(ReasonCode.MASKER_FAILED, path, Steps.threw("masker", e));
        }
        if (masked == null) {
            return input == null ? Outcome.accept(record)
                    : Steps.reject(ReasonCode.MASKER_FAILED, path, "masker returned no value");
        }
        return Steps.set(record, path, Value.of(masked));
    }

    @Override
    public String toString() {
        return "mask(" + path + (domain.equals(path.toString()) ? "" : ", domain " + domain) + ")";
    }
}
