package io.maskpipe.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskpipe.testing.InMemorySink;
import io.maskpipe.core.Masker;
import io.maskpipe.core.Pipeline;
import io.maskpipe.core.PipelineSummary;
import io.maskpipe.core.RunningPipeline;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The examples of docs/sqs.md, run against ElasticMQ; keep them in step with the page. */
class SqsSnippetsTest {
    @RegisterExtension
    static final ElasticMq SQS = new ElasticMq();

    @Test
    void setup_startAndStop_writesLoginsAndDeadLettersTheRest() throws Exception {
        URI endpoint = SQS.endpoint();
        String queueUrl = SQS.newQueue(Duration.ofSeconds(30));
        String deadLetterQueueUrl = SQS.newQueue(Duration.ofSeconds(30));
        SQS.send(queueUrl, "{\"ip\":\"10.0.0.1\",\"device_id\":\"d-1\"}");
        SQS.send(queueUrl, "[\"not an object\"]");
        Masker hmac = (value, context) -> "k1:" + Integer.toHexString(value.hashCode());
        InMemorySink sink = InMemorySink.create();

        // docs/sqs.md "ElasticMQ and LocalStack"
        SqsClient sqs = SqsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();

        // docs/sqs.md "Setup"
        Pipeline pipeline = Pipeline.from(SqsSource.of(sqs, queueUrl))
                .mask("ip", hmac)
                .mask("device_id", hmac)
                .deadLetters(SqsDeadLetters.of(sqs, deadLetterQueueUrl))
                .to(sink);
        RunningPipeline running = pipeline.start();
        while (running.summary().written() + running.summary().deadLettered() < 2) {
            Thread.sleep(20);
        }
        PipelineSummary summary = running.stop(Duration.ofSeconds(30));
        sqs.close();

        assertThat(summary.written()).isEqualTo(1);
        assertThat(summary.deadLettered()).isEqualTo(1);
        assertThat(SQS.drain(deadLetterQueueUrl)).hasSize(1);
    }

    @Test
    void builder_allSettings_buildsSource() throws Exception {
        String queueUrl = SQS.newQueue(Duration.ofSeconds(30));
        SqsClient sqs = SQS.client();

        // docs/sqs.md "Builder settings"
        SqsSource source = SqsSource.builder()
                .client(sqs)                               // or region/endpointOverride/credentialsProvider
                .queueUrl(queueUrl)                        // required
                .waitTime(Duration.ofSeconds(20))          // long polling, 0..20 s, default 20
                .maxMessages(10)                           // per receive, 1..10, default 10
                .visibilityTimeout(Duration.ofMinutes(2))  // default: the queue's own
                .maxBodySize(256 * 1024)                   // bytes of UTF-8, default 256 KiB
                .maxNestingDepth(64)                       // JSON nesting, 1..500, default 64
                .batchAttempts(4)                          // tries per failed delete/visibility entry, 1..10
                .build();

        assertThat(source.visibilityTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(source.receive(Duration.ZERO)).isEmpty();
    }
}
