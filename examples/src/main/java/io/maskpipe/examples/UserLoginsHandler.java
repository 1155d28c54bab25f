package io.maskpipe.examples;

import io.maskpipe.core.Pipeline;
import io.maskpipe.core.key.Keyring;
import io.maskpipe.core.spi.Source;
import io.maskpipe.lambda.SqsBatchHandler;
import io.maskpipe.sqs.SqsDeadLetters;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.SqsClientBuilder;

/**
 * The user-logins pipeline as an AWS Lambda function: the event source mapping hands it batches of login events,
 * it masks {@code ip} and {@code device_id} with keyed HMAC and writes the rows into PostgreSQL, and rejected
 * messages go to the dead-letter queue with their reason. Deploy the jar that
 * {@code ./mvnw -pl examples -am package -DskipTests -Plambda-jar} builds, with the handler
 * {@code io.maskpipe.examples.UserLoginsHandler::handleRequest} ({@code docs/lambda.md}).
 *
 * <p>Configured from the function's environment: {@code MASKPIPE_KEYS} (the key ring's text; a Secrets Manager
 * dynamic reference in the template), {@code MASKPIPE_JDBC_URL}, {@code MASKPIPE_TABLE} (default
 * {@code user_logins}), {@code MASKPIPE_DEAD_LETTER_QUEUE_URL} (without it, rejected messages are reported as batch
 * item failures and the queue's redrive policy takes them), and optionally {@code MASKPIPE_SQS_ENDPOINT}.
 *
 * @since 0.1.0
 */
public final class UserLoginsHandler extends SqsBatchHandler {
    private final Map<String, String> environment;

    /** Creates the handler the Lambda runtime instantiates, configured from the function's environment. */
    public UserLoginsHandler() {
        this(System.getenv());
    }

    UserLoginsHandler(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    protected Pipeline pipeline(Source messages) {
        Keyring keyring = Keyring.parse(required("MASKPIPE_KEYS"));
        var steps = UserLogins.steps(messages, Variant.HMAC.ipMasker(keyring).asMasker(),
                Variant.HMAC.deviceMasker(keyring));
        String deadLetterQueue = environment.get("MASKPIPE_DEAD_LETTER_QUEUE_URL");
        if (deadLetterQueue != null && !deadLetterQueue.isBlank()) {
            steps = steps.deadLetters(SqsDeadLetters.of(sqsClient(), deadLetterQueue), keyring); // sealed
        }
        String table = environment.getOrDefault("MASKPIPE_TABLE", "user_logins");
        return steps.batching(1000, Duration.ofMillis(200))
                .to(LoginsDatabase.at(required("MASKPIPE_JDBC_URL")).sink(table));
    }

    private SqsClient sqsClient() {
        SqsClientBuilder builder = SqsClient.builder().httpClient(UrlConnectionHttpClient.create());
        String endpoint = environment.get("MASKPIPE_SQS_ENDPOINT");
        if (endpoint != null && !endpoint.isBlank()) {
            builder.endpointOverride(URI.create(endpoint));
        }
        return builder.build();
    }

    private String required(String name) {
        String value = environment.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("UserLoginsHandler: environment variable " + name + " is not set");
        }
        return Objects.requireNonNull(value);
    }
}
