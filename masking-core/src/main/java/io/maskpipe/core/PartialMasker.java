package io.maskpipe.core;

/**
 * Keeps the first or last few code points of a value and stars out the rest; see {@link Maskers#keepLast(int)}.
 * Immutable and thread-safe.
 */
final class PartialMasker implements Masker {
    private static final char MASK = '*';

    private final int count;
    private final boolean keepFirst;

    PartialMasker(int count, boolean keepFirst) {
        if (count < 0) {
            String name = keepFirst ? "keepFirst" : "keepLast";
            throw new IllegalArgumentException(name + ": count must be zero or more, got " + count);
        }
        this.count = count;
        this.keepFirst = keepFirst;
    }

    @Override
    public String mask(String value, MaskContext context) {
        int codePoints = value.codePointCount(0, value.length());
        if (codePoints <= count) {
            return String.valueOf(MASK).repeat(codePoints); // never show a short value whole
        }
        int hidden = codePoints - count;
        StringBuilder sb = new StringBuilder(value.length());
        if (keepFirst) {
            int cut = value.offsetByCodePoints(0, count);
            sb.append(value, 0, cut);
            sb.append(String.valueOf(MASK).repeat(hidden));
        } else {
            int cut = value.offsetByCodePoints(0, hidden);
            sb.append(String.valueOf(MASK).repeat(hidden));
            sb.append(value, cut, value.length());
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "PartialMasker[" + (keepFirst ? "keepFirst=" : "keepLast=") + count + "]";
    }
}
