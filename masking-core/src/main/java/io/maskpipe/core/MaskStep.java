package io.maskpipe.core;

import io.maskpipe.core.record.FieldPath;
import io.maskpipe.core.record.Outcome;
import io.maskpipe.core.record.ReasonCode;
import io.maskpipe.core.record.Record;
import io.maskpipe.core.record.Value;

/**
 * Masks one field: text as it is, numbers and booleans as their JSON text, lists and records refused. The masker is
 * user code, so a throw becomes a {@link ReasonCode#MASKER_FAILED} rejection naming the field and the exception's
 * class, never its message. A {@code null} result sets the field to JSON null (what {@link Maskers#nullify()} does).
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
            return value == null ? Outcome.accept(record) : Steps.set(record, path, Value.nullValue());
        }
        return Steps.set(record, path, Value.of(masked));
    }

    @Override
    public String toString() {
        return "mask(" + path + (domain.equals(path.toString()) ? "" : ", domain " + domain) + ")";
    }
}
