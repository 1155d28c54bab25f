package io.maskpipe.fpe;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.bouncycastle.crypto.util.RadixConverter;

/**
 * Values of one fixed shape, such as {@code NNN-NN-NNNN}: the variable positions are masked, the literal ones kept.
 *
 * <p>Pattern syntax: {@code N} is a digit {@code 0-9}, {@code A} an uppercase letter {@code A-Z}, {@code a} a
 * lowercase letter {@code a-z}; a backslash makes the next character literal ({@code \N}); every other character is
 * literal and must appear as it is.
 *
 * <p>When all variable positions share one radix (all digits, or all letters of either case), they are one FF1
 * string of that radix, read left to right: {@code NNN-NN-NNNN} is plain FF1 radix 10 over the nine digits. When
 * digits and letters mix, the positions are read as one mixed-radix number (leftmost most significant) and
 * permuted as an integer below the domain's size, with FF1 radix 2 and cycle walking ({@link Permutation#applyBelow}).
 */
final class PatternFormat implements Format {

    /** What a variable position may hold. */
    private enum Slot {
        DIGIT('0', 10, "a digit"), UPPER('A', 26, "an uppercase letter"), LOWER('a', 26, "a lowercase letter");

        private final char zero;
        private final int radix;
        private final String name;

        Slot(char zero, int radix, String name) {
            this.zero = zero;
            this.radix = radix;
            this.name = name;
        }

        static Slot ofPatternChar(int c) {
            return c == 'N' ? DIGIT : c == 'A' ? UPPER : c == 'a' ? LOWER : null;
        }

        int numeral(int codePoint) {
            int numeral = codePoint - zero;
            return numeral >= 0 && numeral < radix ? numeral : -1;
        }
    }

    private final String pattern;
    /** Per position: its slot, or null for a literal. */
    private final Slot[] slots;
    /** Per position: the literal code point, or -1 for a slot. */
    private final int[] literals;
    private final int variable;
    /** The one radix of every slot, or null when they mix. */
    private final RadixConverter radix;
    private final BigInteger size;

    private PatternFormat(String pattern, Slot[] slots, int[] literals) {
        this.pattern = pattern;
        this.slots = slots;
        this.literals = literals;
        int count = 0;
        int shared = 0;
        BigInteger product = BigInteger.ONE;
        for (Slot slot : slots) {
            if (slot != null) {
                count++;
                shared = shared == 0 || shared == slot.radix ? slot.radix : -1;
                product = product.multiply(BigInteger.valueOf(slot.radix));
            }
        }
        this.variable = count;
        this.size = product;
        String what = "pattern '" + pattern + "'";
        Rules.checkDomain(what, count, product);
        if (count > Rules.MAX_LENGTH) {
            throw new IllegalArgumentException(what + ": " + count + " variable positions, at most "
                    + Rules.MAX_LENGTH + " allowed");
        }
        this.radix = shared > 0 ? new RadixConverter(shared) : null;
    }

    /**
     * Parses a pattern.
     *
     * @param pattern the pattern, in the syntax of this class's javadoc
     * @return the format
     * @throws IllegalArgumentException when the pattern ends in a lone backslash or has fewer than a million values
     */
    static PatternFormat parse(String pattern) {
        Objects.requireNonNull(pattern, "pattern");
        List<Slot> slots = new ArrayList<>();
        List<Integer> literals = new ArrayList<>();
        int[] chars = pattern.codePoints().toArray();
        for (int i = 0; i < chars.length; i++) {
            Slot slot = Slot.ofPatternChar(chars[i]);
            if (chars[i] == '\\') {
                if (++i == chars.length) {
                    throw new IllegalArgumentException("pattern '" + pattern + "': ends with a lone backslash");
                }
                slot = null;
            }
            slots.add(slot);
            literals.add(slot == null ? chars[i] : -1);
        }
        return new PatternFormat(pattern, slots.toArray(new Slot[0]),
                literals.stream().mapToInt(Integer::intValue).toArray());
    }

    @Override
    public String apply(String value, String field, Permutation permutation) {
        int length = value.codePointCount(0, value.length());
        if (length != slots.length) {
            throw new IllegalArgumentException("field '" + field + "': " + length + " characters, the pattern '"
                    + pattern + "' has " + slots.length);
        }
        int[] numerals = new int[variable];
        for (int i = 0, offset = 0, n = 0; i < slots.length; i++) {
            int codePoint = value.codePointAt(offset);
            offset += Character.charCount(codePoint);
            if (slots[i] == null) {
                if (codePoint != literals[i]) {
                    throw new IllegalArgumentException("field '" + field + "': character " + (i + 1)
                            + " differs from the pattern '" + pattern + "'");
                }
                continue;
            }
            numerals[n] = slots[i].numeral(codePoint);
            if (numerals[n] < 0) {
                throw new IllegalArgumentException("field '" + field + "': character " + (i + 1) + " is not "
                        + slots[i].name + " as the pattern '" + pattern + "' requires");
            }
            n++;
        }
        return render(radix != null ? permutation.apply(radix, numerals) : unrank(permutation.applyBelow(
                rank(numerals), size)));
    }

    /** Reads the numerals as one mixed-radix number, the leftmost position most significant. */
    private BigInteger rank(int[] numerals) {
        BigInteger x = BigInteger.ZERO;
        for (int i = 0, n = 0; i < slots.length; i++) {
            if (slots[i] != null) {
                x = x.multiply(BigInteger.valueOf(slots[i].radix)).add(BigInteger.valueOf(numerals[n++]));
            }
        }
        return x;
    }

    private int[] unrank(BigInteger x) {
        int[] numerals = new int[variable];
        BigInteger rest = x;
        for (int i = slots.length - 1, n = variable - 1; i >= 0; i--) {
            if (slots[i] != null) {
                BigInteger[] qr = rest.divideAndRemainder(BigInteger.valueOf(slots[i].radix));
                numerals[n--] = qr[1].intValue();
                rest = qr[0];
            }
        }
        return numerals;
    }

    private String render(int[] numerals) {
        StringBuilder out = new StringBuilder(slots.length);
        for (int i = 0, n = 0; i < slots.length; i++) {
            if (slots[i] == null) {
                out.appendCodePoint(literals[i]);
            } else {
                out.append((char) (slots[i].zero + numerals[n++]));
            }
        }
        return out.toString();
    }

    @Override
    public String describe() {
        return "pattern " + pattern;
    }
}
