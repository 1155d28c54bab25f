/**
 * The maskpipe API: {@link io.maskpipe.core.Masker} and its built-ins in {@link io.maskpipe.core.Maskers},
 * {@link io.maskpipe.core.key.Keyring}, the {@link io.maskpipe.core.record.Record} model, {@link io.maskpipe.core.Transforms}
 * and the {@link io.maskpipe.core.Pipeline} that ties a source, masking and a sink together.
 *
 * <p>Start at {@code Pipeline.from(source)}; {@link io.maskpipe.testing.InMemorySource},
 * {@link io.maskpipe.testing.InMemorySink} and {@link io.maskpipe.testing.InMemoryDeadLetters} stand in for a queue and a
 * database in tests and examples. Every parameter and return value in this package is non-null unless
 * its javadoc says otherwise; methods that may return {@code null} end in {@code OrNull}.
 *
 * @since 0.1.0
 */
package io.maskpipe.core;
