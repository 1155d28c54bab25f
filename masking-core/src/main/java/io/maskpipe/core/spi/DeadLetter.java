package io.maskpipe.core.spi;

import io.maskpipe.core.record.Rejection;
import java.util.Objects;

/**
 * A rejected message on its way to a {@link DeadLetters} destination: the delivery (with its raw body, where the
 * source keeps one) and why it was rejected.
 *
 * @param delivery the rejected message
 * @param rejection why, with a reason code and field path and never a value
 * @since 0.1.0
 */
public record DeadLetter(Delivery delivery, Rejection rejection) {
    /**
     * Checks the components.
     *
     * @param delivery the rejected message
     * @param rejection why it was rejected
     */
    public DeadLetter {
        Objects.requireNonNull(delivery, "delivery");
        Objects.requireNonNull(rejection, "rejection");
    }
}
