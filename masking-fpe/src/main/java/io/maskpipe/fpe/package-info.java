/**
 * Format-preserving, reversible masking with NIST SP 800-38G FF1 on Bouncy Castle: masked values keep their shape
 * (digit strings, alphabets, fixed patterns, IPv4 addresses), so they fit the columns and validators built for the
 * real ones, and key holders can reveal them.
 *
 * <p>The entry point is {@link io.maskpipe.fpe.Ff1Maskers}; it returns {@link io.maskpipe.fpe.Ff1Masker}s, which
 * plug into the pipeline as any {@link io.maskpipe.core.Masker}. The guide is {@code docs/fpe.md}. Nothing in this
 * package accepts or returns {@code null} unless its javadoc says so.
 */
package io.maskpipe.fpe;
