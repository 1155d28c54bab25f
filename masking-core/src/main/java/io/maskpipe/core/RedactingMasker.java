package io.maskpipe.core;

/** Replaces every value with one fixed text; see {@link Maskers#redact(String)}. Immutable and thread-safe. */
final class RedactingMasker implements Masker {
    private final String replacement;

    RedactingMasker(String replacement) {
        this.replacement = replacement;
    }

    @Override
    public String mask(String value, MaskContext context) {
        return replacement;
    }

    @Override
    public String toString() {
        return "RedactingMasker[replacement=" + replacement.length() + " characters]";
    }
}
