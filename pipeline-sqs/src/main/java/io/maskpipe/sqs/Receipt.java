package io.maskpipe.sqs;

/**
 * What an {@link SqsSource} puts on a delivery to acknowledge it later: the queue it came from and its receipt
 * handle. Prints the queue name only; a receipt handle is a credential for the message.
 *
 * @param queueUrl the source queue's URL
 * @param queueName the source queue's name, for messages and dead-letter attributes
 * @param handle the receipt handle of this receive
 */
record Receipt(String queueUrl, String queueName, String handle) implements io.maskpipe.core.spi.Receipt {
    @Override
    public String toString() {
        return "Receipt[queue=" + queueName + "]";
    }
}
