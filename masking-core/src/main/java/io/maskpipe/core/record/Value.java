package io.maskpipe.core.record;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;

/**
 * One field's value in a {@link Record}: text, number, boolean, JSON null, a list, or a nested record.
 *
 * <p>The model is JSON's, so a decoded message keeps its shape, and a JSON {@code null} stays apart from an absent
 * field (which has no {@code Value} at all). No value's {@code toString()} prints its content: values are PII until
 * masked, so they print their kind and size only. Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public sealed interface Value permits Value.Text, Value.Number, Value.Bool, Value.Null, Value.Array, Record {

    /** The kind of a value, for type checks and messages. */
    enum Kind {
        /** A string. */
        TEXT,
        /** A number. */
        NUMBER,
        /** {@code true} or {@code false}. */
        BOOLEAN,
        /** JSON {@code null}. */
        NULL,
        /** A list of values. */
        LIST,
        /** A nested record. */
        RECORD;

        /** Returns the kind's lower-case name, as messages print it. */
        @Override
        public String toString() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * Returns what kind of value this is.
     *
     * @return the kind
     */
    Kind kind();

    /**
     * Returns a text value.
     *
     * @param text the text
     * @return the value
     */
    static Text of(String text) {
        return new Text(text);
    }

    /**
     * Returns a number value.
     *
     * @param number the number
     * @return the value
     */
    static Number of(long number) {
        return new Number(BigDecimal.valueOf(number));
    }

    /**
     * Returns a number value.
     *
     * @param number the number
     * @return the value
     */
    static Number of(BigDecimal number) {
        return new Number(number);
    }

    /**
     * Returns a boolean value.
     *
     * @param bool the boolean
     * @return the value
     */
    static Bool of(boolean bool) {
        return bool ? Bool.TRUE : Bool.FALSE;
    }

    /**
     * Returns JSON {@code null}.
     *
     * @return the null value
     */
    static Null nullValue() {
        return Null.INSTANCE;
    }

    /**
     * Returns a list value.
     *
     * @param elements the elements, copied
     * @return the value
     */
    static Array of(List<? extends Value> elements) {
        return new Array(List.copyOf(elements));
    }

    /**
     * Text. Prints as {@code Text[length=N]}, never its content.
     *
     * @param text the text
     */
    record Text(String text) implements Value {
        /**
         * Checks the component.
         *
         * @param text the text
         */
        public Text {
            Objects.requireNonNull(text, "text");
        }

        @Override
        public Kind kind() {
            return Kind.TEXT;
        }

        @Override
        public String toString() {
            return "Text[length=" + text.length() + "]";
        }
    }

    /**
     * A number, kept exactly as decoded. Prints as {@code Number[...]}, never its digits.
     *
     * @param number the number
     */
    record Number(BigDecimal number) implements Value {
        /** Beyond this many zeros before or after the digits, {@link #toPlainText()} keeps the exponent. */
        public static final int PLAIN_DIGITS_LIMIT = 1000;

        /**
         * Checks the component.
         *
         * @param number the number
         */
        public Number {
            Objects.requireNonNull(number, "number");
        }

        @Override
        public Kind kind() {
            return Kind.NUMBER;
        }

        /**
         * Returns the number as JSON writes it, with no exponent and no trailing zeros after the point: the text
         * maskers see, so equal numbers mask alike. A number with more than {@value #PLAIN_DIGITS_LIMIT} zeros before
         * or after its digits keeps its exponent ({@code 1E+1001}), so no input can make it print millions of digits.
         *
         * @return canonical text for the number
         */
        public String toPlainText() {
            BigDecimal stripped = number.signum() == 0 ? BigDecimal.ZERO : number.stripTrailingZeros();
            // A plain string of 1e999999999 would be a billion digits: past PLAIN_DIGITS_LIMIT zeros, keep the
            // exponent (still canonical: stripped, so equal numbers print alike).
            if (Math.abs((long) stripped.scale()) > PLAIN_DIGITS_LIMIT) {
                return stripped.toString();
            }
            return stripped.scale() < 0 ? stripped.setScale(0).toPlainString() : stripped.toPlainString();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Number other && number.compareTo(other.number) == 0;
        }

        @Override
        public int hashCode() {
            return number.signum() == 0 ? 0 : number.stripTrailingZeros().hashCode();
        }

        @Override
        public String toString() {
            return "Number[...]";
        }
    }

    /**
     * A boolean. Prints as {@code Bool[...]}: even a flag can be personal.
     *
     * @param bool the boolean
     */
    record Bool(boolean bool) implements Value {
        static final Bool TRUE = new Bool(true);
        static final Bool FALSE = new Bool(false);

        @Override
        public Kind kind() {
            return Kind.BOOLEAN;
        }

        @Override
        public String toString() {
            return "Bool[...]";
        }
    }

    /** JSON {@code null}: present, but with no value, unlike an absent field. */
    enum Null implements Value {
        /** The only instance. */
        INSTANCE;

        @Override
        public Kind kind() {
            return Kind.NULL;
        }

        @Override
        public String toString() {
            return "Null";
        }
    }

    /**
     * A list of values. Prints as {@code Array[size=N]}.
     *
     * @param elements the elements
     */
    record Array(List<Value> elements) implements Value {
        /**
         * Copies the elements.
         *
         * @param elements the elements
         */
        public Array {
            elements = List.copyOf(elements);
        }

        @Override
        public Kind kind() {
            return Kind.LIST;
        }

        @Override
        public String toString() {
            return "Array[size=" + elements.size() + "]";
        }
    }
}
