package io.maskpipe.examples;

import io.maskpipe.sqs.SqsDeadLetters;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SqsException;

/**
 * The login queue and its dead-letter queue: an ElasticMQ server started in this JVM with {@code login-queue} and
 * {@code login-queue-dlq}, or a real SQS (or LocalStack) queue pair named by the options.
 */
final class LoginQueues implements AutoCloseable {
    static final String QUEUE = "login-queue";
    static final String DEAD_LETTER_QUEUE = "login-queue-dlq";
    /** How long a dead letter stays hidden while the read-back goes on; it is made visible again right after. */
    static final int READ_HIDES_FOR_SECONDS = 60;

    private final SQSRestServer server;
    private final SqsClient client;
    private final String queueUrl;
    private final String deadLetterQueueUrl;
    private final boolean local;

    private LoginQueues(SQSRestServer server, SqsClient client, String queueUrl, String deadLetterQueueUrl,
            boolean local) {
        this.local = local;
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
                .httpClient(Apache5HttpClient.create())
                .build();
        String dlq = client.createQueue(r -> r.queueName(DEAD_LETTER_QUEUE)).queueUrl();
        String queue = client.createQueue(r -> r.queueName(QUEUE)
                .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "30"))).queueUrl();
        return new LoginQueues(server, client, queue, dlq, true);
    }

    /**
     * How long a poller waits on an empty queue: 250 ms on a local server (embedded, or an endpoint such as ElasticMQ
     * or LocalStack), so a run notices soon that the queue is drained; 1 s on AWS, where anything shorter is a short
     * poll that samples only some of SQS's servers and is billed like any other receive (docs/sqs.md).
     */
    Duration pollWait() {
        return local ? Duration.ofMillis(250) : Duration.ofSeconds(1);
    }

    /** Connects to the queues the options name, with the SDK's default credentials chain. */
    static LoginQueues real(ExampleOptions options) {
        SqsClientBuilder builder = SqsClient.builder().httpClient(Apache5HttpClient.create());
        options.sqsEndpoint().ifPresent(builder::endpointOverride);
        options.region().map(Region::of).ifPresent(builder::region);
        if (options.region().isEmpty() && options.sqsEndpoint().isPresent()) {
            builder.region(Region.US_EAST_1); // LocalStack and ElasticMQ take any region
        }
        SqsClient client = builder.build();
        try {
            String queueUrl = options.queueUrl().orElseThrow();
            requireExists(client, "--queue-url", "queue", queueUrl);
            requireExists(client, "--dlq-url", "dead-letter queue", options.deadLetterQueueUrl());
            return new LoginQueues(null, client, queueUrl, options.deadLetterQueueUrl(),
                    options.sqsEndpoint().isPresent());
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    /**
     * Fails, naming the queue, when SQS says it does not exist; SQS's own message names none. Any other answer (no
     * permission to read its attributes, say) lets the run go on: the calls that need the queue will report it.
     */
    private static void requireExists(SqsClient client, String flag, String what, String url) {
        try {
            client.getQueueAttributes(r -> r.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN));
        } catch (QueueDoesNotExistException e) {
            throw new IllegalStateException(what + " " + url + " does not exist (" + flag + "): create it, or correct "
                    + "the URL", e);
        } catch (SqsException e) {
            // not ours to judge here: ReceiveMessage or SendMessage will say what is wrong with it
        }
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
     * Reads what the dead-letter queue holds, without deleting it: each message is received once, hidden while the
     * rest is read (so it is not counted twice), then made visible again at once for whoever handles dead letters.
     */
    List<DeadLetterView> peekDeadLetters() {
        Map<String, DeadLetterView> seen = new LinkedHashMap<>();
        List<String> receipts = new ArrayList<>();
        try {
            while (true) {
                List<Message> messages = client.receiveMessage(r -> r.queueUrl(deadLetterQueueUrl)
                        .maxNumberOfMessages(10).visibilityTimeout(READ_HIDES_FOR_SECONDS).waitTimeSeconds(0)
                        .messageAttributeNames("All")).messages();
                if (messages.isEmpty()) {
                    return List.copyOf(seen.values());
                }
                for (Message m : messages) {
                    receipts.add(m.receiptHandle());
                    seen.putIfAbsent(m.messageId(), new DeadLetterView(attribute(m, SqsDeadLetters.SOURCE_MESSAGE_ID),
                            attribute(m, SqsDeadLetters.SENT_TIMESTAMP), attribute(m, SqsDeadLetters.REASON),
                            attribute(m, SqsDeadLetters.FIELD), attribute(m, SqsDeadLetters.RULE)));
                }
            }
        } finally {
            showAgain(receipts);
        }
    }

    /** Sets the visibility timeout of the received messages back to 0, ten per call, so they are visible again. */
    private void showAgain(List<String> receipts) {
        for (int from = 0; from < receipts.size(); from += 10) {
            List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>();
            for (int i = from; i < Math.min(from + 10, receipts.size()); i++) {
                entries.add(ChangeMessageVisibilityBatchRequestEntry.builder().id("m" + i)
                        .receiptHandle(receipts.get(i)).visibilityTimeout(0).build());
            }
            client.changeMessageVisibilityBatch(r -> r.queueUrl(deadLetterQueueUrl).entries(entries));
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

    /**
     * What the dead-letter queue says about one rejected message: its id and sent time, reason code, field and rule,
     * never its body.
     */
    record DeadLetterView(String sourceMessageId, String sentTimestamp, String reason, String field, String rule) {
    }
}
