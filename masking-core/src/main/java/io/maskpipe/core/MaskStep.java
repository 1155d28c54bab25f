package io.maskpipe.core;

import io.maskpipe.core.record.FieldPath;
import io.maskpipe.core.record.InvalidValueException;
import io.maskpipe.core.record.Outcome;
import io.maskpipe.core.record.ReasonCode;
import io.maskpipe.core.record.Value;

/**
 * Masks one field: text as it is, numbers and booleans as their JSON text, lists and records refused. A blank text
 * is first handled as the masker's {@link Masker#blankValues()} says. The masker is user code, so a throw becomes a
 * {@link ReasonCode#MASKER_FAILED} rejection naming the field and the exception's class, never its message, except
 * {@link InvalidValueException}, whose rule (worded without the value) becomes {@link ReasonCode#INVALID_VALUE}. A
 * {@code null} result sets the field to JSON null (what {@link Maskers#nullify()} does).
 */
record MaskStep(FieldPath path, Masker masker, String domain) implements WorkingStep {
    static final String BLANK_RULE = "blank (empty or white space only), which this masker refuses";

    @Override
    public Outcome applyTo(WorkingRecord record) {
        Value value = record.get(path);
        String input;
        if (value == null || value instanceof Value.Null) {
            if (!masker.masksNull()) {
                return null;
            }
            input = null;
        } else if (value instanceof Value.Text text) {
            input = text.text();
            if (BlankValues.isBlank(input)) {
                BlankValues blanks = masker.blankValues();
                if (blanks == BlankValues.REJECT) {
                    return Steps.reject(ReasonCode.INVALID_VALUE, path, BLANK_RULE);
                } else if (blanks != BlankValues.MASK) { // NULL, or a custom masker's null: never one shared mask
                    return record.set(path, Value.nullValue());
                }
            }
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
        } catch (InvalidValueException e) {
            return Steps.reject(ReasonCode.INVALID_VALUE, path, e.rule());
        } catch (RuntimeException e) {
            return Steps.reject(ReasonCode.MASKER_FAILED, path, Steps.threw("masker", e));
        }
        if (masked == null) {
            return value == null ? null : record.set(path, Value.nullValue());
        }
        return record.set(path, Value.of(masked));
    }

    @Override
    public String toString() {
        return "mask(" + path + (domain.equals(path.toString()) ? "" : ", domain " + domain) + ")";
    }
}
