/**
 * Key rings: {@link io.maskpipe.core.key.Keyring} holds named master keys, one primary, read from text, an
 * environment variable or a file; {@link io.maskpipe.core.key.Subkeys} is the one place that derives a purpose-bound
 * subkey from a master key (HKDF-SHA256, {@code docs/format.md}).
 *
 * <p>No {@code toString()} or exception message here shows key bytes: key ids, lengths and positions only. Every
 * parameter and return value is non-null unless its javadoc says otherwise.
 *
 * @since 0.1.0
 */
package io.maskpipe.core.key;
