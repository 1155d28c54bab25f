package io.maskpipe.examples;

import io.maskpipe.sqs.SqsDeadLetters;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * The login queue and its dead-letter queue: an ElasticMQ server started in this JVM with {@code login-queue} and
 * {@code login-queue-dlq}, or a real SQS (or LocalStack) queue pair named by the options.
 */
final class LoginQueues implements AutoCloseable {
    static final String QUEUE = "login-queue";
    static final String DEAD_LETTER_QUEUE = "login-queue-dlq";

    private final SQSRestServer server;
    private final SqsClient client;
    private final String queueUrl;
    private final String deadLetterQueueUrl;

    private LoginQueues(SQSRestServer server, SqsClient client, String queueUrl, String deadLetterQueueUrl) {
        this.server = server;
        this.client = client;
        this.queueUrl = queueUrl;
        this.deadLetterQueueUrl = deadLetterQueueUrl;
    }

    /** Starts ElasticMQ on a free loopback port and creates both queues. */
    static LoginQueues embedded() {
        SQSRestServer server = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
        int port = server.waitUntilStarted().localAddress().getPort();
        SqsClient client = SqsClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + port))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
        String dlq = client.createQueue(r -> r.queueName(DEAD_LETTER_QUEUE)).queueUrl();
        String queue = client.createQueue(r -> r.queueName(QUEUE)
                .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "30"))).queueUrl();
        return new LoginQueues(server, client, queue, dlq);
    }

    /** Connects to the queues the options name, with the SDK's default credentials chain. */
    static LoginQueues real(ExampleOptions options) {
        SqsClientBuilder builder = SqsClient.builder().httpClient(UrlConnectionHttpClient.create());
        options.sqsEndpoint().ifPresent(builder::endpointOverride);
        options.region().map(Region::of).ifPresent(builder::region);
        if (options.region().isEmpty() && options.sqsEndpoint().isPresent()) {
            builder.region(Region.US_EAST_1); // LocalStack and ElasticMQ take any region
        }
        return new LoginQueues(null, builder.build(), options.queueUrl().orElseThrow(), options.deadLetterQueueUrl());
    }

    SqsClient client() {
        return client;
    }

    String queueUrl() {
        return queueUrl;
    }

    String deadLetterQueueUrl() {
        return deadLetterQueueUrl;
    }

    String describe() {
        return (server != null ? "embedded ElasticMQ, " : "") + queueUrl + " (dead letters: " + deadLetterQueueUrl + ")";
    }

    /** Sends the bodies with {@code SendMessageBatch}, ten per call; fails if SQS refuses any. */
    void send(List<String> bodies) {
        for (int from = 0; from < bodies.size(); from += 10) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = from; i < Math.min(from + 10, bodies.size()); i++) {
                entries.add(SendMessageBatchRequestEntry.builder().id("m" + i).messageBody(bodies.get(i)).build());
            }
            SendMessageBatchResponse response = client.sendMessageBatch(r -> r.queueUrl(queueUrl).entries(entries));
            if (!response.failed().isEmpty()) {
                throw new IllegalStateException("SQS SendMessageBatch: " + response.failed().size()
                        + " messages refused (" + response.failed().get(0).code() + ")");
            }
        }
    }

    /**
     * Reads what the dead-letter queue holds, without deleting it: each message is received once and stays hidden
     * for a minute, then comes back for whoever handles dead letters.
     */
    List<DeadLetterView> peekDeadLetters() {
        Map<String, DeadLetterView> seen = new LinkedHashMap<>();
        while (true) {
            List<Message> messages = client.receiveMessage(r -> r.queueUrl(deadLetterQueueUrl).maxNumberOfMessages(10)
                    .visibilityTimeout(60).waitTimeSeconds(0).messageAttributeNames("All")).messages();
            if (messages.isEmpty()) {
                return List.copyOf(seen.values());
            }
            for (Message m : messages) {
                seen.putIfAbsent(m.messageId(), new DeadLetterView(attribute(m, SqsDeadLetters.SOURCE_MESSAGE_ID),
                        attribute(m, SqsDeadLetters.REASON), attribute(m, SqsDeadLetters.FIELD),
                        attribute(m, SqsDeadLetters.RULE)));
            }
        }
    }

    private static String attribute(Message message, String name) {
        MessageAttributeValue value = message.messageAttributes().get(name);
        return value == null ? null : value.stringValue();
    }

    @Override
    public void close() {
        client.close();
        if (server != null) {
            server.stopAndWait();
        }
    }

    /** What the dead-letter queue says about one rejected message: ids, reason code, field and rule, never its body. */
    record DeadLetterView(String sourceMessageId, String reason, String field, String rule) {
    }
}
