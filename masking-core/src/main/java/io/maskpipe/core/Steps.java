package io.maskpipe.core;

import io.maskpipe.core.record.FieldPath;
import io.maskpipe.core.record.InvalidValueException;
import io.maskpipe.core.record.Outcome;
import io.maskpipe.core.record.ReasonCode;
import io.maskpipe.core.record.Record;
import io.maskpipe.core.record.Rejection;
import io.maskpipe.core.record.Value;

/** Shared wording and guards of the built-in transforms; not API. */
final class Steps {
    private Steps() {
    }

    static Outcome reject(ReasonCode reason, FieldPath field, String rule) {
        return Outcome.reject(Rejection.of(reason, field, rule));
    }

    /** The rule for user code that threw: its class name only, since its message may quote the value. */
    static String threw(String what, Throwable e) {
        return what + " threw " + e.getClass().getName();
    }

    /**
     * Sets a field to what user code computes, guarded: {@link InvalidValueException} keeps its rule as
     * {@code INVALID_VALUE}, {@code null} is {@code INVALID_VALUE}, any other throw is {@code TRANSFORM_FAILED} with
     * the exception's class only.
     */
    static Outcome setComputed(Record record, FieldPath path, String what, java.util.function.Supplier<Value> code) {
        Value value;
        try {
            value = code.get();
        } catch (InvalidValueException e) {
            return reject(ReasonCode.INVALID_VALUE, path, e.rule());
        } catch (RuntimeException e) {
            return reject(ReasonCode.TRANSFORM_FAILED, path, threw(what, e));
        }
        if (value == null) {
            return reject(ReasonCode.INVALID_VALUE, path, what + " gave no value");
        }
        return set(record, path, value);
    }

    /** Sets a value, turning a path that cannot be set (through a list or text) into a rejection. */
    static Outcome set(Record record, FieldPath path, Value value) {
        try {
            return Outcome.accept(record.with(path, value));
        } catch (IllegalArgumentException e) {
            return reject(ReasonCode.WRONG_TYPE, path, "cannot be set: a parent is not a record or has no such"
                    + " list position");
        }
    }

    /** Removes a value, turning a path that cannot be changed into a rejection. */
    static Outcome remove(Record record, FieldPath path) {
        try {
            return Outcome.accept(record.without(path));
        } catch (IllegalArgumentException e) {
            return reject(ReasonCode.WRONG_TYPE, path, "cannot be removed: a parent is not a record");
        }
    }

    static FieldPath[] parseAll(String what, String... paths) {
        if (paths.length == 0) {
            throw new IllegalArgumentException(what + ": needs at least one field path");
        }
        FieldPath[] parsed = new FieldPath[paths.length];
        for (int i = 0; i < paths.length; i++) {
            parsed[i] = FieldPath.parse(java.util.Objects.requireNonNull(paths[i], "paths[" + i + "]"));
        }
        return parsed;
    }
}
