package io.maskpipe.sqs;

/** Measures text as UTF-8 without encoding it, and finds what UTF-8 cannot encode: an unpaired surrogate. */
final class Utf8 {
    /** Returned by {@link #encodedLength} for text that holds an unpaired surrogate. */
    static final long UNPAIRED_SURROGATE = -1;

    private Utf8() {
    }

    /**
     * Returns how many bytes the text takes in UTF-8.
     *
     * @param text the text
     * @return the length in bytes, or {@link #UNPAIRED_SURROGATE} when the text cannot be encoded
     */
    static long encodedLength(CharSequence text) {
        long bytes = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (!Character.isSurrogate(c)) {
                bytes += 3;
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                return UNPAIRED_SURROGATE;
            }
        }
        return bytes;
    }

    /** Returns whether the text holds a surrogate that is not part of a pair. */
    static boolean hasUnpairedSurrogate(CharSequence text) {
        return encodedLength(text) == UNPAIRED_SURROGATE;
    }
}
