package io.maskpipe.sqs;

import static io.maskpipe.sqs.SourceSettings.DEFAULT_MAX_CONCURRENT_BATCH_CALLS;
import static io.maskpipe.sqs.SourceSettings.DEFAULT_MAX_MESSAGES;
import static io.maskpipe.sqs.SourceSettings.DEFAULT_MAX_NESTING_DEPTH;
import static io.maskpipe.sqs.SourceSettings.DEFAULT_WAIT_SECONDS;
import static io.maskpipe.sqs.SourceSettings.MAX_VISIBILITY_SECONDS;
import static io.maskpipe.sqs.SourceSettings.QUEUE_MAX_BODY_SIZE;
import static io.maskpipe.sqs.SourceSettings.inRange;
import static io.maskpipe.sqs.SourceSettings.once;

import io.maskpipe.core.spi.Delivery;
import io.maskpipe.core.spi.Source;
import io.maskpipe.core.spi.SourceException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * A {@link Source} that long-polls an Amazon SQS queue, decodes each JSON body into a record, and deletes a message
 * only when the pipeline acknowledges it. Use it as {@code Pipeline.from(SqsSource.of(sqs, queueUrl))}, or configure
 * it with {@link #builder()}:
 *
 * <pre>{@code
 * SqsSource source = SqsSource.builder()
 *         .client(sqs)                                // stays yours to close
 *         .queueUrl(queueUrl)
 *         .visibilityTimeout(Duration.ofMinutes(2))   // default: the queue's own
 *         .build();
 * Pipeline pipeline = Pipeline.from(source)
 *         .mask("ip", hmac)
 *         .to(sink);
 * }</pre>
 *
 * <p>Bodies that cannot be decoded become deliveries carrying a rejection (malformed JSON, not an object, too large,
 * not encodable as UTF-8) with the raw body kept for the dead-letter queue; the pipeline never stops for one message.
 * Each record's metadata holds the SQS message id (the sinks' idempotency key), the sent time, the receive count,
 * the FIFO message group and the text message attributes under {@value #ATTRIBUTE_PREFIX}. FIFO message groups
 * become {@link Delivery#group()}, so the pipeline resolves a group's messages in order.
 *
 * <p>Immutable and thread-safe: any number of pollers may share one source. See {@code docs/sqs.md}.
 *
 * @since 0.1.0
 */
public final class SqsSource implements Source {
    /*
     * Maintainer notes. This file is long from its builder's documentation (each setting states its range and
     * default), not from logic: the source itself only delegates. Receiver does the ReceiveMessage calls (SqsMessages
     * turns messages into deliveries), Acknowledger the deletes, visibility changes, the queue's visibility timeout
     * and the batch-call threads, SourceSettings the defaults, range checks and the client the source may own.
     */

    /** The metadata key of a FIFO message's group id. */
    public static final String MESSAGE_GROUP_ID = "message_group_id";
    /** The prefix of metadata keys that hold the message's text and number attributes, as in {@code attr.tenant}. */
    public static final String ATTRIBUTE_PREFIX = "attr.";

    private final SqsClient client;
    private final boolean ownsClient;
    private final String queueUrl;
    private final String queueName;
    private final Receiver receiver;
    private final Acknowledger acknowledger;

    /** Makes a source on the settings and client; it closes the client on {@link #close()} when it owns it. */
    SqsSource(SourceSettings settings, SqsClient client, boolean ownsClient) {
        this.client = client;
        this.ownsClient = ownsClient;
        this.queueUrl = settings.queueUrl();
        this.queueName = settings.queueName();
        this.receiver = new Receiver(client, settings);
        this.acknowledger = new Acknowledger(client, settings);
    }

    /**
     * Returns a source on the given client and queue, with the default settings: 20 s long polls, 10 messages per
     * receive, the queue's own visibility timeout, JSON bodies up to the queue's own maximum message size.
     *
     * @param client the SQS client, which stays the caller's to close
     * @param queueUrl the queue's URL
     * @return the source
     */
    public static SqsSource of(SqsClient client, String queueUrl) {
        return builder().client(client).queueUrl(queueUrl).build();
    }

    /**
     * Returns a builder for a source.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Returns the queue's URL.
     *
     * @return the URL this source polls
     */
    public String queueUrl() {
        return queueUrl;
    }

    /**
     * Receives up to the configured number of messages with one {@code ReceiveMessage} call, long-polling up to
     * the configured wait time or {@code maxWait}, whichever is shorter. SQS waits in whole seconds; when it answers
     * with no message before that wait is over (a {@code maxWait} of 250 ms is a short poll), the source waits out
     * the rest before returning, so a poller never spins through empty receives.
     *
     * @throws InterruptedException when the polling thread is interrupted
     * @throws SourceException when SQS cannot be reached or refuses the call: {@code SETUP} for a missing queue,
     *     refused access or credentials, a KMS key that cannot be used; {@code TRANSIENT} for anything else
     */
    @Override
    public List<Delivery> receive(Duration maxWait) throws InterruptedException {
        Objects.requireNonNull(maxWait, "maxWait");
        return receiver.receive(maxWait);
    }

    /**
     * Deletes the messages with {@code DeleteMessageBatch}, ten per call and up to the configured number of calls
     * at a time, each once (the pipeline retries what failed).
     *
     * @throws SourceException naming how many were not deleted and the error codes, with their ids
     *     ({@link SourceException#failedIds()}); {@code DATA} when only receipts that are invalid or expired failed
     *     (those messages are delivered again), {@code SETUP} when access is refused, else {@code TRANSIENT}
     * @throws IllegalArgumentException when a delivery did not come from this source
     */
    @Override
    public void acknowledge(List<Delivery> deliveries) {
        acknowledger.delete(deliveries);
    }

    /**
     * Keeps the messages hidden for {@code extension} from now (whole seconds, rounded up, at most 12 hours) with
     * {@code ChangeMessageVisibilityBatch} (ten per call, calls run concurrently like the deletes), while their
     * batch is still being written.
     *
     * @throws SourceException naming those not extended; they may be delivered again while still in progress,
     *     which the sink's idempotency absorbs
     */
    @Override
    public void extendVisibility(List<Delivery> deliveries, Duration extension) {
        acknowledger.extend(deliveries, extension);
    }

    /**
     * Makes the messages visible again at once (visibility timeout 0).
     *
     * @throws SourceException naming those not released (also logged); they come back after their visibility
     *     timeout instead
     */
    @Override
    public void release(List<Delivery> deliveries) {
        acknowledger.release(deliveries);
    }

    /**
     * Returns the configured visibility timeout, or else the queue's, read once with {@code GetQueueAttributes}.
     *
     * @throws SourceException when the queue's attributes cannot be read
     */
    @Override
    public Duration visibilityTimeout() {
        return acknowledger.visibilityTimeout();
    }

    /**
     * Stops the threads that run batch calls concurrently, and closes the SQS client if this source built it; a
     * client passed in stays open. Calls in flight finish; later ones run on the calling thread alone.
     */
    @Override
    public void close() {
        acknowledger.close();
        if (ownsClient) {
            client.close();
        }
    }

    /** Returns the queue's name: {@code SqsSource[queue=logins]}. */
    @Override
    public String toString() {
        return "SqsSource[queue=" + queueName + "]";
    }

    /** Returns a queue URL's last path segment, its queue name, or the URL itself when its path has none. */
    static String queueNameOf(String queueUrl) {
        String path = URI.create(queueUrl).getPath();
        String name = path == null ? "" : path.substring(path.lastIndexOf('/') + 1);
        return name.isEmpty() ? queueUrl : name;
    }

    /**
     * Collects the settings of an {@link SqsSource}: the queue, the client (given, or built from region, endpoint
     * and credentials), polling and decoding limits. Each setting may be given once; {@link #build()} checks their
     * combination and copies them. Not thread-safe.
     *
     * <p>This builder is long from its documentation, not its logic: each setting says its range and default.
     *
     * @since 0.1.0
     */
    public static final class Builder {
        private SqsClient client;
        private Region region;
        private URI endpointOverride;
        private AwsCredentialsProvider credentialsProvider;
        private String queueUrl;
        private Duration waitTime;
        private Integer maxMessages;
        private Duration visibilityTimeout;
        private Integer maxBodySize;
        private Integer maxNestingDepth;
        private BodyDecoder decoder;
        private Integer maxConcurrentBatchCalls;

        private Builder() {
        }

        /**
         * Sets the SQS client to use; it stays the caller's to close. Without one, the source builds its own from
         * {@link #region}, {@link #endpointOverride} and {@link #credentialsProvider} (or the SDK's defaults), which
         * needs an SDK HTTP client on the class path (see {@code docs/sqs.md}), and closes it on {@link #close()}.
         *
         * @param client the client
         * @return this builder
         */
        public Builder client(SqsClient client) {
            once(this.client, "client");
            this.client = Objects.requireNonNull(client, "client");
            return this;
        }

        /**
         * Sets the region of the client the source builds. Default: the SDK's region provider chain.
         *
         * @param region the region
         * @return this builder
         */
        public Builder region(Region region) {
            once(this.region, "region");
            this.region = Objects.requireNonNull(region, "region");
            return this;
        }

        /**
         * Sets the endpoint of the client the source builds, for ElasticMQ, LocalStack or a VPC endpoint.
         *
         * @param endpoint the endpoint, such as {@code http://localhost:9324}
         * @return this builder
         */
        public Builder endpointOverride(URI endpoint) {
            once(this.endpointOverride, "endpointOverride");
            this.endpointOverride = Objects.requireNonNull(endpoint, "endpoint");
            return this;
        }

        /**
         * Sets the credentials of the client the source builds. Default: the SDK's default credentials chain.
         *
         * @param provider the credentials provider
         * @return this builder
         */
        public Builder credentialsProvider(AwsCredentialsProvider provider) {
            once(this.credentialsProvider, "credentialsProvider");
            this.credentialsProvider = Objects.requireNonNull(provider, "provider");
            return this;
        }

        /**
         * Sets the queue to poll. Required.
         *
         * @param queueUrl the queue's URL, as {@code GetQueueUrl} returns it
         * @return this builder
         */
        public Builder queueUrl(String queueUrl) {
            once(this.queueUrl, "queueUrl");
            Objects.requireNonNull(queueUrl, "queueUrl");
            URI uri;
            try {
                uri = URI.create(queueUrl);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("queueUrl: not a URL", e);
            }
            if (!uri.isAbsolute() || uri.getHost() == null) {
                throw new IllegalArgumentException("queueUrl: not an absolute http(s) URL");
            }
            this.queueUrl = queueUrl;
            return this;
        }

        /**
         * Sets the longest a receive waits for messages (SQS long polling), in whole seconds. Default: 20 s, which
         * costs the fewest empty receives.
         *
         * @param waitTime from 0 (short polling) to 20 seconds
         * @return this builder
         */
        public Builder waitTime(Duration waitTime) {
            once(this.waitTime, "waitTime");
            Objects.requireNonNull(waitTime, "waitTime");
            if (waitTime.isNegative() || waitTime.compareTo(Duration.ofSeconds(20)) > 0) {
                throw new IllegalArgumentException("waitTime: " + waitTime.toMillis()
                        + " ms given, 0 to 20 seconds allowed");
            }
            this.waitTime = waitTime;
            return this;
        }

        /**
         * Sets how many messages one receive asks for. Default: 10, the SQS maximum and the fastest.
         *
         * @param maxMessages from 1 to 10
         * @return this builder
         */
        public Builder maxMessages(int maxMessages) {
            once(this.maxMessages, "maxMessages");
            this.maxMessages = inRange("maxMessages", maxMessages, 1, 10);
            return this;
        }

        /**
         * Sets the visibility timeout asked for on each receive, in whole seconds. Default: the queue's own, read
         * once from its attributes. The pipeline extends it while a batch is slower.
         *
         * @param visibilityTimeout from 1 second to 12 hours
         * @return this builder
         */
        public Builder visibilityTimeout(Duration visibilityTimeout) {
            once(this.visibilityTimeout, "visibilityTimeout");
            Objects.requireNonNull(visibilityTimeout, "visibilityTimeout");
            if (visibilityTimeout.getSeconds() < 1 || visibilityTimeout.getSeconds() > MAX_VISIBILITY_SECONDS) {
                throw new IllegalArgumentException("visibilityTimeout: " + visibilityTimeout.toMillis()
                        + " ms given, 1 second to 12 hours allowed");
            }
            this.visibilityTimeout = visibilityTimeout;
            return this;
        }

        /**
         * Sets the largest body, in UTF-8 bytes, the source decodes; a larger one is rejected as
         * {@code BODY_TOO_LARGE}. Default: the queue's own {@code MaximumMessageSize} (256 KiB unless the queue was
         * made with another, up to 1 MiB), read once with {@code GetQueueAttributes} at the first receive, so every
         * body the queue accepts is decoded.
         *
         * @param bytes one or more
         * @return this builder
         */
        public Builder maxBodySize(int bytes) {
            once(this.maxBodySize, "maxBodySize");
            if (bytes < 1) {
                throw new IllegalArgumentException("maxBodySize: " + bytes + " bytes given, at least 1 required");
            }
            this.maxBodySize = bytes;
            return this;
        }

        /**
         * Sets how deeply objects and arrays may nest in a JSON body, the top-level object counting as 1; a deeper
         * body is rejected as {@code MALFORMED_JSON}. Default: 64.
         *
         * @param depth from 1 to 500
         * @return this builder
         */
        public Builder maxNestingDepth(int depth) {
            once(this.maxNestingDepth, "maxNestingDepth");
            this.maxNestingDepth = inRange("maxNestingDepth", depth, 1, 500);
            return this;
        }

        /**
         * Replaces the JSON decoder, for bodies in another format. The size and encoding checks still apply.
         *
         * @param decoder the decoder
         * @return this builder
         */
        public Builder decoder(BodyDecoder decoder) {
            once(this.decoder, "decoder");
            this.decoder = Objects.requireNonNull(decoder, "decoder");
            return this;
        }

        /**
         * Sets how many batch calls ({@code DeleteMessageBatch}, {@code ChangeMessageVisibilityBatch}) of ten
         * messages one acknowledge, extend or release runs at a time, so a large sink batch does not wait for its
         * chunks one after another. The calling thread sends one; the others run on daemon threads the source owns
         * ({@code maskpipe-sqs-batch-N}), stopped by {@link SqsSource#close()}. A batch of ten or fewer messages
         * never leaves the calling thread. With a client of your own, let its HTTP connection pool hold writers
         * times this many connections. Default: 8.
         *
         * @param calls from 1 (one after another, on the calling thread) to 32
         * @return this builder
         */
        public Builder maxConcurrentBatchCalls(int calls) {
            once(this.maxConcurrentBatchCalls, "maxConcurrentBatchCalls");
            this.maxConcurrentBatchCalls = inRange("maxConcurrentBatchCalls", calls, 1, 32);
            return this;
        }

        /**
         * Builds the source, building its SQS client first when none was given.
         *
         * @return the source
         * @throws IllegalStateException when the queue URL is missing, when a client is given together with
         *     settings for one the source would build, when a custom decoder is given with a nesting depth, or when
         *     the SDK cannot build a client (no HTTP client on the class path, no region)
         */
        public SqsSource build() {
            if (queueUrl == null) {
                throw new IllegalStateException("queueUrl: required");
            }
            if (decoder != null && maxNestingDepth != null) {
                throw new IllegalStateException("maxNestingDepth: applies to the JSON decoder, not to a custom one");
            }
            if (client != null) {
                if (region != null || endpointOverride != null || credentialsProvider != null) {
                    throw new IllegalStateException("client: given together with region, endpointOverride or "
                            + "credentialsProvider, which configure a client the source builds; set them on your "
                            + "client instead");
                }
                return new SqsSource(settings(), client, false);
            }
            return new SqsSource(settings(), SourceSettings.buildClient(region, endpointOverride,
                    credentialsProvider), true);
        }

        private SourceSettings settings() {
            return new SourceSettings(queueUrl,
                    waitTime == null ? DEFAULT_WAIT_SECONDS : (int) waitTime.getSeconds(),
                    maxMessages == null ? DEFAULT_MAX_MESSAGES : maxMessages,
                    visibilityTimeout == null ? null : (int) visibilityTimeout.getSeconds(),
                    maxBodySize == null ? QUEUE_MAX_BODY_SIZE : maxBodySize,
                    decoder != null ? decoder : new JsonBodyDecoder(
                            maxNestingDepth == null ? DEFAULT_MAX_NESTING_DEPTH : maxNestingDepth),
                    maxConcurrentBatchCalls == null ? DEFAULT_MAX_CONCURRENT_BATCH_CALLS : maxConcurrentBatchCalls);
        }
    }
}
