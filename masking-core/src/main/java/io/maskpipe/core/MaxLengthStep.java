package io.maskpipe.core;

import io.maskpipe.core.record.FieldPath;
import io.maskpipe.core.record.Outcome;
import io.maskpipe.core.record.ReasonCode;
import io.maskpipe.core.record.Record;
import io.maskpipe.core.record.Value;

/**
 * Rejects text longer than a limit, counted in Unicode code points; numbers and booleans count their JSON text,
 * lists and records are refused, null and absent pass.
 */
record MaxLengthStep(FieldPath path, int maxCharacters) implements Transform {

    @Override
    public Outcome apply(Record record) {
        Value value = record.getOrNull(path);
        String text;
        if (value == null || value instanceof Value.Null) {
            return Outcome.accept(record);
        } else if (value instanceof Value.Text t) {
            text = t.text();
        } else if (value instanceof Value.Number number) {
            text = number.toPlainText();
        } else if (value instanceof Value.Bool) {
            return Outcome.accept(record);
        } else {
            return Steps.reject(ReasonCode.WRONG_TYPE, path, "a " + value.kind() + " has no length limit, only text");
        }
        if (text.length() > maxCharacters && text.codePointCount(0, text.length()) > maxCharacters) {
            return Steps.reject(ReasonCode.VALUE_TOO_LONG, path, "longer than " + maxCharacters + " characters");
        }
        return Outcome.accept(record);
    }

    @Override
    public String toString() {
        return "maxLength(" + path + ", " + maxCharacters + ")";
    }
}
