/**
 * maskpipe's Amazon SQS source and dead-letter queue, on the AWS SDK for Java v2.
 *
 * <p>Users import {@code io.maskpipe.sqs} ({@code SqsSource}, {@code SqsDeadLetters}, {@code BodyDecoder}); nothing
 * else is exported. The SDK modules whose types the API takes ({@code SqsClient}, {@code Region},
 * {@code AwsCredentialsProvider}) and core, whose {@code Source} and {@code DeadLetters} the entry types implement,
 * are required transitively, so a module that reads this one reads them. The SDK's jars are automatic modules; the
 * SDK HTTP client is the application's to add (see {@code docs/sqs.md}).
 *
 * @since 0.1.0
 */
@SuppressWarnings({"requires-automatic", "requires-transitive-automatic"})
module io.maskpipe.sqs {
    requires transitive io.maskpipe.core;
    requires transitive software.amazon.awssdk.services.sqs;
    requires transitive software.amazon.awssdk.regions;
    requires transitive software.amazon.awssdk.auth;
    requires software.amazon.awssdk.core;
    requires software.amazon.awssdk.awscore;
    requires com.fasterxml.jackson.core;
    requires org.slf4j;

    exports io.maskpipe.sqs;
}
