package io.maskpipe.sqs;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;

/**
 * An ElasticMQ server embedded in the test JVM, one per test class, on a free loopback port; each test makes its own
 * queues with {@link #newQueue}. Register it with {@code @RegisterExtension static final ElasticMq SQS = ...}.
 */
final class ElasticMq implements BeforeAllCallback, AfterAllCallback {
    private static final AtomicInteger QUEUES = new AtomicInteger();

    private SQSRestServer server;
    private URI endpoint;
    private SqsClient client;

    @Override
    public void beforeAll(ExtensionContext context) {
        server = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
        int port = server.waitUntilStarted().localAddress().getPort();
        endpoint = URI.create("http://127.0.0.1:" + port);
        client = newClient();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        client.close();
        server.stopAndWait();
    }

    /** Returns the server's endpoint. */
    URI endpoint() {
        return endpoint;
    }

    /** Returns the shared client, on the URL connection HTTP client with static dummy credentials. */
    SqsClient client() {
        return client;
    }

    /** Returns a new client whose calls pass through the interceptors, for injecting failures. */
    SqsClient newClient(ExecutionInterceptor... interceptors) {
        return SqsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .executionInterceptors(List.of(interceptors)).build())
                .build();
    }

    /** Creates a standard queue with a short visibility timeout, so redelivery in tests is quick. */
    String newQueue(Duration visibilityTimeout) {
        return create("q" + QUEUES.incrementAndGet(), Map.of(QueueAttributeName.VISIBILITY_TIMEOUT,
                Long.toString(visibilityTimeout.getSeconds())));
    }

    /** Creates a FIFO queue with a short visibility timeout. */
    String newFifoQueue(Duration visibilityTimeout) {
        return create("q" + QUEUES.incrementAndGet() + ".fifo", Map.of(
                QueueAttributeName.FIFO_QUEUE, "true",
                QueueAttributeName.VISIBILITY_TIMEOUT, Long.toString(visibilityTimeout.getSeconds())));
    }

    private String create(String name, Map<QueueAttributeName, String> attributes) {
        return client.createQueue(r -> r.queueName(name).attributes(attributes)).queueUrl();
    }

    /** Sends one message with a body and returns its id. */
    String send(String queueUrl, String body) {
        return send(queueUrl, body, r -> { });
    }

    /** Sends one message with a body and whatever else the customizer sets, and returns its id. */
    String send(String queueUrl, String body, Consumer<SendMessageRequest.Builder> customizer) {
        SendMessageRequest.Builder request = SendMessageRequest.builder().queueUrl(queueUrl).messageBody(body);
        customizer.accept(request);
        return client.sendMessage(request.build()).messageId();
    }

    /** Returns a string message attribute for {@link SendMessageRequest.Builder#messageAttributes}. */
    static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }

    /** Returns how many messages the queue holds, visible or in flight. */
    int depth(String queueUrl) {
        Map<QueueAttributeName, String> attributes = client.getQueueAttributes(r -> r.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
    }

    /** Receives every message now visible on a queue (without deleting them), with all their attributes. */
    List<Message> drain(String queueUrl) {
        List<Message> all = new ArrayList<>();
        while (true) {
            List<Message> batch = client.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(0).messageAttributeNames("All").messageSystemAttributeNamesWithStrings("All"))
                    .messages();
            if (batch.isEmpty()) {
                return all;
            }
            all.addAll(batch);
        }
    }
}
