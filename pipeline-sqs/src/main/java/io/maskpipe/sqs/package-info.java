/**
 * The Amazon SQS source of maskpipe pipelines, on the AWS SDK for Java v2: {@link io.maskpipe.sqs.SqsSource}
 * receives and decodes messages and deletes them once stored; {@link io.maskpipe.sqs.SqsDeadLetters} sends rejected
 * ones to a dead-letter queue with their reasons.
 *
 * <p>The module brings no SDK HTTP client: add the one you use ({@code url-connection-client},
 * {@code apache5-client}, ...), see {@code docs/sqs.md}. Every parameter and return value is non-null unless its
 * javadoc says otherwise.
 *
 * @since 0.1.0
 */
package io.maskpipe.sqs;
