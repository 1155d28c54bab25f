package io.maskpipe.core.spi;

/**
 * What a {@link Source} puts on each {@link Delivery} so that it can acknowledge, extend or release that message
 * later: an SQS receipt handle and its queue, say. The engine never looks inside; it hands each delivery back to the
 * source that made it, which reads its own type with {@link Delivery#receipt(Class)}.
 *
 * <p>Implementations are immutable values; their {@code toString()} must not print a credential (an SQS receipt
 * handle grants control of the message).
 *
 * @since 0.1.0
 */
public interface Receipt {
}
