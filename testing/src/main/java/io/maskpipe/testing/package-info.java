/**
 * Test doubles for pipelines: {@link io.maskpipe.testing.InMemorySource} stands in for a queue (visibility,
 * redelivery, FIFO groups), {@link io.maskpipe.testing.InMemorySink} for a database (idempotent by message id) and
 * {@link io.maskpipe.testing.InMemoryDeadLetters} for a dead-letter queue; each can be told to fail, so a test can
 * prove what a pipeline does under faults. Add {@code maskpipe-testing} with test scope; nothing here belongs in
 * production code.
 *
 * <p>Every parameter and return value is non-null unless its javadoc says otherwise.
 *
 * @since 0.1.0
 */
package io.maskpipe.testing;
