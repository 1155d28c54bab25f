package io.maskpipe.fpe;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.bouncycastle.crypto.util.RadixConverter;

/**
 * Values of any length written in one alphabet, masked with FF1 of radix = the alphabet's size: numeral {@code i}
 * is the alphabet's {@code i}-th character (Unicode code point), so digits with the alphabet {@code 0123456789} are
 * plain FF1 radix 10.
 */
final class AlphabetFormat implements Format {
    private static final int ASCII = 128;

    private final int[] symbols;
    private final int[] asciiNumerals;
    private final Map<Integer, Integer> otherNumerals;
    private final RadixConverter radix;
    private final int minLength;
    private final String unit;
    private final String outsider;
    private final String description;

    private AlphabetFormat(int[] symbols, String unit, String outsider, String description) {
        this.symbols = symbols;
        this.asciiNumerals = new int[ASCII];
        Arrays.fill(asciiNumerals, -1);
        this.otherNumerals = new HashMap<>();
        for (int i = 0; i < symbols.length; i++) {
            if (symbols[i] < ASCII) {
                asciiNumerals[symbols[i]] = i;
            } else {
                otherNumerals.put(symbols[i], i);
            }
        }
        this.radix = new RadixConverter(symbols.length);
        this.minLength = Rules.minLength(symbols.length);
        this.unit = unit;
        this.outsider = outsider;
        this.description = description;
    }

    /**
     * Returns the format of decimal digit strings: FF1 radix 10, at least 6 digits.
     *
     * @return the format
     */
    static AlphabetFormat digits() {
        return new AlphabetFormat("0123456789".codePoints().toArray(), "digits", "a digit", "digits");
    }

    /**
     * Returns the format of strings over a caller's alphabet.
     *
     * @param alphabet the characters, each once, in numeral order
     * @return the format
     * @throws IllegalArgumentException when the alphabet has fewer than 2 or more than 65,536 characters, or one
     *         twice
     */
    static AlphabetFormat of(String alphabet) {
        Objects.requireNonNull(alphabet, "alphabet");
        int[] symbols = alphabet.codePoints().toArray();
        if (symbols.length < 2 || symbols.length > Ff1.MAX_RADIX) {
            throw new IllegalArgumentException("alphabet: 2 to " + Ff1.MAX_RADIX + " characters required by "
                    + "NIST SP 800-38G (radix), " + symbols.length + " given");
        }
        int[] sorted = symbols.clone();
        Arrays.sort(sorted);
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] == sorted[i - 1]) {
                throw new IllegalArgumentException("alphabet: a character appears more than once");
            }
        }
        return new AlphabetFormat(symbols, "characters", "in the alphabet",
                "alphabet of " + symbols.length + " characters");
    }

    @Override
    public String apply(String value, String field, Permutation permutation) {
        int length = value.codePointCount(0, value.length());
        Rules.checkLength(field, length, minLength, unit);
        int[] numerals = new int[length];
        for (int i = 0, offset = 0; i < length; i++) {
            int codePoint = value.codePointAt(offset);
            numerals[i] = numeral(codePoint);
            if (numerals[i] < 0) {
                throw new IllegalArgumentException("field '" + field + "': character " + (i + 1) + " is not "
                        + outsider);
            }
            offset += Character.charCount(codePoint);
        }
        int[] permuted = permutation.apply(radix, numerals);
        StringBuilder out = new StringBuilder(value.length());
        for (int numeral : permuted) {
            out.appendCodePoint(symbols[numeral]);
        }
        return out.toString();
    }

    private int numeral(int codePoint) {
        if (codePoint < ASCII) {
            return asciiNumerals[codePoint];
        }
        Integer numeral = otherNumerals.get(codePoint);
        return numeral == null ? -1 : numeral;
    }

    @Override
    public String describe() {
        return description;
    }
}
