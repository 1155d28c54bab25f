package io.maskpipe.sqs;

import io.maskpipe.core.Pipeline;
import io.maskpipe.core.PipelineSummary;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The child process of {@code GracefulStopTest}: a pipeline service as a user would write one, from a queue into a
 * slow {@link FileLedgerSink}, run with {@link Pipeline#runUntilShutdown(Duration)}.
 * Arguments: the SQS endpoint, the queue URL, the ledger file.
 */
public final class GracefulStopMain {
    private GracefulStopMain() {
    }

    public static void main(String[] args) {
        SqsClient sqs = SqsClient.builder().endpointOverride(URI.create(args[0])).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                .httpClient(UrlConnectionHttpClient.create()).build();
        Pipeline pipeline = Pipeline.from(SqsSource.of(sqs, args[1]))
                .mask("ip", SqsFaultScenariosTest.MASK)
                .batching(10, Duration.ofMillis(50))
                .to(new FileLedgerSink(Path.of(args[2]), Duration.ofMillis(150)));
        System.out.println("started");
        System.out.flush();
        // --- masking-core/src/main/java/io/maskpipe/core/Pipeline.java: service main ---
        PipelineSummary summary = pipeline.runUntilShutdown(Duration.ofSeconds(10)); // blocks until SIGTERM
        // --- end ---
        System.out.println("returned: " + summary);
    }
}
