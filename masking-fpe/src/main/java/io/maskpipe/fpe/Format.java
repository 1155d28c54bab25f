package io.maskpipe.fpe;

/**
 * One shape of value an {@link Ff1Masker} keeps: how a value becomes FF1 numerals and the result becomes a value of
 * the same shape. Implementations are immutable and thread-safe, and their messages name the field and the rule,
 * never the value.
 */
sealed interface Format permits AlphabetFormat, PatternFormat, Ipv4Format {

    /**
     * Masks or reveals one value.
     *
     * @param value the value
     * @param field the field's path, for messages
     * @param permutation FF1 under the chosen key and the field's tweak, forward or backward
     * @return a value of the same shape
     * @throws IllegalArgumentException when the value does not have this shape, naming the field and the rule
     */
    String apply(String value, String field, Permutation permutation);

    /**
     * Returns what this format is, for {@code toString()}: {@code digits}, {@code pattern NNN-NN-NNNN}.
     *
     * @return the description
     */
    String describe();
}
