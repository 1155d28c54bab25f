package io.maskpipe.core;

/** Turns every value into JSON {@code null}; see {@link Maskers#nullify()}. Immutable and thread-safe. */
final class NullingMasker implements Masker {
    static final NullingMasker INSTANCE = new NullingMasker();

    private NullingMasker() {
    }

    /** Returns {@code null}, meaning: set the field to JSON {@code null}. */
    @Override
    public String mask(String value, MaskContext context) {
        return null;
    }

    @Override
    public String toString() {
        return "NullingMasker";
    }
}
