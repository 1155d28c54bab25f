package io.maskpipe.lambda;

import io.maskpipe.core.spi.Receipt;

/**
 * What an {@link EventSource} puts on a delivery: the message's position in its event, so acknowledgements and
 * releases find it without looking at the message. Prints nothing of the message.
 *
 * @param position the message's index in the event's records
 */
record LambdaReceipt(int position) implements Receipt {
}
