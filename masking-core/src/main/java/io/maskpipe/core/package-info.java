/**
 * The maskpipe API: {@link io.maskpipe.core.Masker} and its built-ins in {@link io.maskpipe.core.Maskers},
 * {@link io.maskpipe.core.key.Keyring}, the {@link io.maskpipe.core.record.Record} model, {@link io.maskpipe.core.Transforms}
 * and the {@link io.maskpipe.core.Pipeline} that ties a source, masking and a sink together.
 *
 * <p>Start at {@code Pipeline.from(source)}. In tests and examples, the artifact {@code maskpipe-testing} stands in
 * for a queue and a database: {@code io.maskpipe.testing.InMemorySource}, {@code InMemorySink} and
 * {@code InMemoryDeadLetters}. Every parameter and return value in this package is non-null unless
 * its javadoc says otherwise; methods that may return {@code null} end in {@code OrNull}.
 *
 * @since 0.1.0
 */
package io.maskpipe.core;
