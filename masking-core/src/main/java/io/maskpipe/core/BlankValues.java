package io.maskpipe.core;

/**
 * What a masker's step does with a blank text value: empty, or white space only. Deterministic maskers would give
 * every blank one shared mask, so every record without, say, a device id would look like one shared device to a
 * duplicate query; the keyed built-ins ({@link Maskers#hmac}, {@link Maskers#tokenize}) therefore default to
 * {@link #NULL}.
 *
 * <p>A value is blank when it is empty or each of its characters is white space by {@link Character#isWhitespace}
 * or a space by {@link Character#isSpaceChar} (which adds the no-break spaces U+00A0, U+2007 and U+202F), or is
 * U+0085 (next line): every character with Unicode's White_Space property, and U+001C to U+001F. Numbers and
 * booleans are never blank; JSON {@code null} and absent fields follow {@link Masker#masksNull()} as before.
 *
 * @since 0.1.0
 */
public enum BlankValues {
    /** A blank value becomes JSON {@code null} (SQL {@code NULL}): no value, not a mask. The keyed built-ins'. */
    NULL,
    /** A blank value rejects the message with {@code INVALID_VALUE}, naming the field and the rule. */
    REJECT,
    /**
     * A blank value is masked like any other, so all blanks of one field share one mask. The default of a custom
     * {@link Masker}, which sees every value; choose it for a keyed masker only when a blank is a meaningful value.
     */
    MASK;

    /** Returns whether the text is blank in the sense above. */
    static boolean isBlank(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isWhitespace(c) && !Character.isSpaceChar(c) && c != '\u0085') {
                return false;
            }
        }
        return true;
    }
}
