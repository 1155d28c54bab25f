package io.maskpipe.fpe;

import java.math.BigInteger;
import java.util.Locale;

/** The NIST SP 800-38G domain rules and the messages that name them. */
final class Rules {
    /** The longest value, in numerals, a masker takes: far above any identifier, low enough to bound the cost. */
    static final int MAX_LENGTH = 1024;

    private static final BigInteger MIN_DOMAIN = BigInteger.valueOf(Ff1.MIN_DOMAIN);
    private static final String NIST_RULE = "NIST SP 800-38G (radix^length >= 1,000,000)";

    private Rules() {
    }

    /**
     * Returns the fewest numerals of a radix that give at least a million values (and at least 2, FF1's minimum).
     *
     * @param radix the radix
     * @return the minimum length
     */
    static int minLength(int radix) {
        int length = 2;
        long size = (long) radix * radix;
        while (size < Ff1.MIN_DOMAIN) {
            size *= radix;
            length++;
        }
        return length;
    }

    /**
     * Checks a value's length against the radix's minimum and {@link #MAX_LENGTH}.
     *
     * @param field the field, for the message
     * @param length the value's length in numerals
     * @param minLength the minimum from {@link #minLength(int)}
     * @param unit what a numeral is called in the message: {@code digits}, {@code characters}
     * @throws IllegalArgumentException naming the field, the length and the rule
     */
    static void checkLength(String field, int length, int minLength, String unit) {
        if (length < minLength) {
            throw new IllegalArgumentException("field '" + field + "': " + length + " " + unit + ", at least "
                    + minLength + " required by " + NIST_RULE);
        }
        if (length > MAX_LENGTH) {
            throw new IllegalArgumentException("field '" + field + "': " + length + " " + unit + ", at most "
                    + MAX_LENGTH + " allowed");
        }
    }

    /**
     * Checks, when a masker is built, that a fixed domain has at least a million values.
     *
     * @param what the setting, for the message: {@code pattern 'NNN-NN'}
     * @param positions how many variable positions it has
     * @param size how many values it has
     * @throws IllegalArgumentException naming the setting, its size and the rule
     */
    static void checkDomain(String what, int positions, BigInteger size) {
        if (size.compareTo(MIN_DOMAIN) < 0) {
            throw new IllegalArgumentException(what + ": " + positions + " variable positions, "
                    + String.format(Locale.ROOT, "%,d", size) + " possible values, at least 1,000,000 required by "
                    + NIST_RULE);
        }
    }
}
