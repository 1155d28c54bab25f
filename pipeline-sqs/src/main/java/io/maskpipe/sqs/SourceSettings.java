package io.maskpipe.sqs;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;

/**
 * The settings of an {@link SqsSource}, defaults filled in, as {@link SqsSource.Builder#build()} copies them; also
 * the builder's range checks and the building of a client the source owns. Immutable.
 *
 * @param queueUrl the queue's URL, already checked
 * @param waitSeconds the longest a receive long-polls, 0 to 20
 * @param maxMessages how many messages one receive asks for, 1 to 10
 * @param visibilitySeconds the visibility timeout asked for on each receive, or {@code null} for the queue's own
 * @param maxBodySize the largest body decoded, in UTF-8 bytes, or {@link #QUEUE_MAX_BODY_SIZE} for the queue's own
 * @param decoder the body decoder: the JSON one with its nesting limit, or the user's
 * @param maxConcurrentBatchCalls how many batch calls one acknowledge, extend or release runs at a time
 */
record SourceSettings(String queueUrl, int waitSeconds, int maxMessages, Integer visibilitySeconds, int maxBodySize,
                      BodyDecoder decoder, int maxConcurrentBatchCalls) {
    /** SQS's longest visibility timeout: 12 hours. */
    static final int MAX_VISIBILITY_SECONDS = 43_200;
    static final int DEFAULT_WAIT_SECONDS = 20;
    static final int DEFAULT_MAX_MESSAGES = 10;
    /** The body limit when the queue does not report its MaximumMessageSize: 1 MiB, the most SQS accepts. */
    static final int DEFAULT_MAX_BODY_SIZE = 1024 * 1024;
    /** {@code maxBodySize} when none was set: the queue's MaximumMessageSize, read at the first receive. */
    static final int QUEUE_MAX_BODY_SIZE = 0;
    static final int DEFAULT_MAX_NESTING_DEPTH = 64;
    static final int DEFAULT_MAX_CONCURRENT_BATCH_CALLS = 8;

    /** Returns the queue's name, the last segment of its URL's path, for messages and dead-letter attributes. */
    String queueName() {
        return SqsSource.queueNameOf(queueUrl);
    }

    /** Returns the value when it lies in {@code [min, max]}, else throws the builder's message naming the setting. */
    static int inRange(String setting, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(setting + ": " + value + " given, " + min + " to " + max
                    + " allowed");
        }
        return value;
    }

    /** Throws when a setting is given a second time. */
    static void once(Object current, String setting) {
        if (current != null) {
            throw new IllegalStateException(setting + ": already set");
        }
    }

    /**
     * Builds the client a source owns from the optional region, endpoint and credentials, the SDK's defaults
     * standing in for any not given.
     *
     * @throws IllegalStateException when the SDK cannot build it (no HTTP client on the class path, no region)
     */
    static SqsClient buildClient(Region region, URI endpointOverride, AwsCredentialsProvider credentialsProvider) {
        SqsClientBuilder builder = SqsClient.builder();
        if (region != null) {
            builder.region(region);
        }
        if (endpointOverride != null) {
            builder.endpointOverride(endpointOverride);
        }
        if (credentialsProvider != null) {
            builder.credentialsProvider(credentialsProvider);
        }
        try {
            return builder.build();
        } catch (SdkException e) {
            throw new IllegalStateException("client: the AWS SDK could not build an SqsClient ("
                    + e.getClass().getSimpleName() + "); check that an SDK HTTP client such as "
                    + "software.amazon.awssdk:url-connection-client is on the class path and a region is set",
                    e);
        }
    }
}
