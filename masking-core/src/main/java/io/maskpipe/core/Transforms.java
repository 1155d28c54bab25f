package io.maskpipe.core;

import io.maskpipe.core.record.FieldPath;
import io.maskpipe.core.record.InvalidValueException;
import io.maskpipe.core.record.ReasonCode;
import io.maskpipe.core.record.Record;
import io.maskpipe.core.record.Rejection;
import io.maskpipe.core.record.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Static factories for the built-in record {@link Transform transforms}: mask, drop, rename, keep only, require,
 * limit length, convert and derive.
 *
 * <p>Each returns an immutable, thread-safe transform. None throws for a bad message: a record it cannot handle
 * becomes a {@link Rejection} with a reason code and the field's path, never the value. User code plugged in (a
 * masker, a conversion) is guarded: a throw or a {@code null} result becomes a rejection naming the exception's
 * class and dropping its message, which may quote the value. Paths are parsed with {@link FieldPath#parse} when the
 * transform is built, so a malformed path fails at once with an {@link IllegalArgumentException}.
 *
 * @since 0.1.0
 */
public final class Transforms {
    private Transforms() {
    }

    /**
     * A function that converts one field's value, for {@link #convert}.
     *
     * @since 0.1.0
     */
    @FunctionalInterface
    public interface Conversion {
        /**
         * Converts a value.
         *
         * @param value the field's present, non-null value
         * @return the new value; {@code null} rejects the message as {@link ReasonCode#INVALID_VALUE}
         * @throws InvalidValueException to reject the message with a rule of its own
         */
        Value apply(Value value);
    }

    /**
     * A function that computes a field from the whole record, for {@link #derive}.
     *
     * @since 0.1.0
     */
    @FunctionalInterface
    public interface Derivation {
        /**
         * Computes the value.
         *
         * @param record the record so far
         * @return the value to set; {@code null} rejects the message as {@link ReasonCode#INVALID_VALUE}
         * @throws InvalidValueException to reject the message with a rule of its own
         */
        Value apply(Record record);
    }

    /**
     * Returns a transform that masks a field, with the field's path as its domain label.
     *
     * <p>Text is masked as it is, numbers and booleans as their JSON text (the result is text); JSON null and an
     * absent field pass through unless {@link Masker#masksNull()}; a list or record is rejected as
     * {@link ReasonCode#WRONG_TYPE}. A masker that throws or returns {@code null} for a value rejects the message as
     * {@link ReasonCode#MASKER_FAILED}.
     *
     * @param path the field's path, such as {@code ip} or {@code device.id}
     * @param masker the masker
     * @return the transform
     */
    public static Transform mask(String path, Masker masker) {
        FieldPath parsed = FieldPath.parse(Objects.requireNonNull(path, "path"));
        return new MaskStep(parsed, Objects.requireNonNull(masker, "masker"), parsed.toString());
    }

    /**
     * Returns a transform that masks a field with a shared domain label, so that two fields holding the same kind
     * of value (a sender's and a receiver's IP, say) mask equal values equally and can be joined.
     *
     * @param path the field's path
     * @param masker the masker
     * @param domain the domain label passed in the {@link MaskContext}; may be empty
     * @return the transform
     * @see #mask(String, Masker)
     */
    public static Transform mask(String path, Masker masker, String domain) {
        FieldPath parsed = FieldPath.parse(Objects.requireNonNull(path, "path"));
        return new MaskStep(parsed, Objects.requireNonNull(masker, "masker"), Objects.requireNonNull(domain, "domain"));
    }

    /**
     * Returns a transform that removes fields; absent ones are skipped.
     *
     * @param paths the fields' paths, at least one
     * @return the transform
     */
    public static Transform drop(String... paths) {
        return DropStep.of(Objects.requireNonNull(paths, "paths"));
    }

    /**
     * Returns a transform that moves a field to another path (replacing a value there); an absent field stays
     * absent.
     *
     * @param from the field's current path
     * @param to its new path
     * @return the transform
     */
    public static Transform rename(String from, String to) {
        return new RenameStep(FieldPath.parse(Objects.requireNonNull(from, "from")),
                FieldPath.parse(Objects.requireNonNull(to, "to")));
    }

    /**
     * Returns a transform that keeps only the listed fields (nested paths keep their parents) and the metadata.
     *
     * @param paths the fields to keep, at least one
     * @return the transform
     */
    public static Transform keepOnly(String... paths) {
        return KeepOnlyStep.of(Objects.requireNonNull(paths, "paths"));
    }

    /**
     * Returns a transform that rejects a record missing a field ({@link ReasonCode#MISSING_FIELD}) or holding JSON
     * null in it ({@link ReasonCode#NULL_FIELD}).
     *
     * @param paths the required fields, at least one
     * @return the transform
     */
    public static Transform require(String... paths) {
        return RequireStep.of(Objects.requireNonNull(paths, "paths"));
    }

    /**
     * Returns a transform that rejects text longer than a limit as {@link ReasonCode#VALUE_TOO_LONG}, counting
     * Unicode code points; numbers count their JSON text, booleans, null and absent fields pass, and a list or
     * record is rejected as {@link ReasonCode#WRONG_TYPE}.
     *
     * @param path the field's path
     * @param maxCharacters the longest text allowed, at least 1
     * @return the transform
     */
    public static Transform maxLength(String path, int maxCharacters) {
        FieldPath parsed = FieldPath.parse(Objects.requireNonNull(path, "path"));
        if (maxCharacters < 1) {
            throw new IllegalArgumentException("maxLength: maxCharacters must be at least 1, was " + maxCharacters);
        }
        return new MaxLengthStep(parsed, maxCharacters);
    }

    /**
     * Returns a transform that replaces a field's value with what a function makes of it, such as a version string
     * parsed into a number. JSON null and absent fields pass through without a call.
     *
     * <p>The function rejects a value by throwing {@link InvalidValueException} with a rule
     * ({@link ReasonCode#INVALID_VALUE}) or returning {@code null} ({@code INVALID_VALUE}); any other throw becomes
     * {@link ReasonCode#TRANSFORM_FAILED} with the exception's class name.
     *
     * @param path the field's path
     * @param conversion the function
     * @return the transform
     */
    public static Transform convert(String path, Conversion conversion) {
        return new ConvertStep(FieldPath.parse(Objects.requireNonNull(path, "path")),
                Objects.requireNonNull(conversion, "conversion")::apply);
    }

    /**
     * Returns a transform that sets a field to what a function computes from the whole record (its fields and
     * metadata), guarded like {@link #convert}; rejections name the target field.
     *
     * @param target the path of the field to set
     * @param derivation the function
     * @return the transform
     */
    public static Transform derive(String target, Derivation derivation) {
        return new DeriveStep(FieldPath.parse(Objects.requireNonNull(target, "target")),
                Objects.requireNonNull(derivation, "derivation")::apply);
    }

    /**
     * Returns a transform that applies the given ones in order; the first rejection stops it. Custom transforms
     * among them are guarded: a throw or a {@code null} outcome becomes {@link ReasonCode#TRANSFORM_FAILED}.
     *
     * @param steps the transforms, in order
     * @return the composed transform
     */
    public static Transform chain(List<? extends Transform> steps) {
        Objects.requireNonNull(steps, "steps");
        List<Transform> guarded = new ArrayList<>(steps.size());
        for (Transform step : steps) {
            guarded.add(GuardedStep.of(Objects.requireNonNull(step, "step")));
        }
        return new ChainStep(List.copyOf(guarded));
    }
}
