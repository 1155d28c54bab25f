package io.maskpipe.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskpipe.core.Masker;
import io.maskpipe.core.Pipeline;
import io.maskpipe.core.PipelineSummary;
import io.maskpipe.core.ReplaySummary;
import io.maskpipe.core.RunningPipeline;
import io.maskpipe.core.record.ReasonCode;
import io.maskpipe.core.SealedDeadLetter;
import io.maskpipe.core.key.Keyring;
import io.maskpipe.doccheck.DocSnippets;
import io.maskpipe.testing.InMemorySink;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The examples of docs/sqs.md and of the javadoc of {@link SqsSource} and {@link SqsDeadLetters}, run against
 * ElasticMQ. Each region marked {@code // --- <file>: <name> ---} is quoted word for word by the file it names, which
 * {@link #examples_markedRegions_areQuotedWordForWord} checks; every javadoc example of the module must be such a
 * quote ({@link #javadocExamples_everyBlock_isCopiedFromAMarkedRegion}). The regions commented {@code // docs/sqs.md}
 * without a marker are the page's examples adapted to a test server, kept in step by hand.
 */
class SqsSnippetsTest {
    @RegisterExtension
    static final ElasticMq SQS = new ElasticMq();

    private static final Keyring KEYRING = Keyring.of("k1", new byte[32]);
    private static final DocSnippets DOCS = DocSnippets.forThisModule();
    private static final Masker HMAC = (value, context) -> "k1:" + Integer.toHexString(value.hashCode());

    @Test
    void examples_markedRegions_areQuotedWordForWord() {
        DOCS.assertQuoted(SqsSnippetsTest.class);
    }

    @Test
    void javadocExamples_everyBlock_isCopiedFromAMarkedRegion() {
        DOCS.assertJavadocExamplesQuoted(SqsSource.class, SqsDeadLetters.class);
    }

    @Test
    void setup_startAndStop_writesLoginsAndDeadLettersTheRest() throws Exception {
        URI endpoint = SQS.endpoint();
        String queueUrl = SQS.newQueue(Duration.ofSeconds(30));
        String deadLetterQueueUrl = SQS.newQueue(Duration.ofSeconds(30));
        SQS.send(queueUrl, "{\"ip\":\"10.0.0.1\",\"device_id\":\"d-1\"}");
        SQS.send(queueUrl, "[\"not an object\"]");
        Masker hmac = (value, context) -> "k1:" + Integer.toHexString(value.hashCode());
        Keyring keyring = KEYRING;
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
                .deadLetters(SqsDeadLetters.of(sqs, deadLetterQueueUrl), keyring)
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

        // --- docs/sqs.md: builder settings ---
        SqsSource source = SqsSource.builder()
                .client(sqs)                               // or region/endpointOverride/credentialsProvider
                .queueUrl(queueUrl)                        // required
                .waitTime(Duration.ofSeconds(20))          // long polling, 0..20 s, default 20
                .maxMessages(10)                           // per receive, 1..10, default 10
                .visibilityTimeout(Duration.ofMinutes(2))  // default: the queue's own
                .maxBodySize(256 * 1024)                   // bytes of UTF-8, default: the queue's limit
                .maxNestingDepth(64)                       // JSON nesting, 1..500, default 64
                .maxConcurrentBatchCalls(8)                // batch calls of ten in flight per acknowledge, 1..32
                .build();
        // --- end ---

        assertThat(source.visibilityTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(source.receive(Duration.ZERO)).isEmpty();
    }

    @Test
    void javadoc_sqsSource_masksAndDeletesWhatWasWritten() throws Exception {
        SqsClient sqs = SQS.client();
        String queueUrl = SQS.newQueue(Duration.ofSeconds(30));
        SQS.send(queueUrl, "{\"ip\":\"10.0.0.1\"}");
        Masker hmac = HMAC;
        InMemorySink sink = InMemorySink.create();

        // --- pipeline-sqs/src/main/java/io/maskpipe/sqs/SqsSource.java: builder ---
        SqsSource source = SqsSource.builder()
                .client(sqs)                                // stays yours to close
                .queueUrl(queueUrl)
                .visibilityTimeout(Duration.ofMinutes(2))   // default: the queue's own
                .build();
        Pipeline pipeline = Pipeline.from(source)
                .mask("ip", hmac)
                .to(sink);
        // --- end ---
        PipelineSummary summary = runUntilResolved(pipeline, 1);

        assertThat(summary.written()).isEqualTo(1);
        assertThat(sink.records()).singleElement()
                .satisfies(record -> assertThat(record.textOrNull("ip")).startsWith("k1:"));
        assertThat(SQS.depth(queueUrl)).isZero();
    }

    @Test
    void javadoc_sqsDeadLetters_storesTheBodyWithItsReason() throws Exception {
        SqsClient sqs = SQS.client();
        String queueUrl = SQS.newQueue(Duration.ofSeconds(30));
        String deadLetterQueueUrl = SQS.newQueue(Duration.ofSeconds(30));
        SQS.send(queueUrl, "[\"not an object\"]");
        Masker hmac = HMAC;
        Keyring keyring = KEYRING;
        InMemorySink sink = InMemorySink.create();

        // --- pipeline-sqs/src/main/java/io/maskpipe/sqs/SqsDeadLetters.java: wiring ---
        Pipeline pipeline = Pipeline.from(SqsSource.of(sqs, queueUrl))
                .mask("ip", hmac)
                .deadLetters(SqsDeadLetters.of(sqs, deadLetterQueueUrl), keyring)
                .to(sink);
        // --- end ---
        PipelineSummary summary = runUntilResolved(pipeline, 1);
        // --- pipeline-sqs/src/main/java/io/maskpipe/sqs/SqsDeadLetters.java: reading ---
        Message dead = sqs.receiveMessage(r -> r.queueUrl(deadLetterQueueUrl).messageAttributeNames("All"))
                .messages().get(0);
        String reason = dead.messageAttributes().get(SqsDeadLetters.REASON).stringValue();  // NOT_AN_OBJECT
        // --- end ---

        assertThat(summary.deadLettered()).isEqualTo(1);
        assertThat(reason).isEqualTo("NOT_AN_OBJECT");
        assertThat(dead.body()).startsWith("k1:").doesNotContain("not an object");
        String sourceId = dead.messageAttributes().get(SqsDeadLetters.SOURCE_MESSAGE_ID).stringValue();
        assertThat(SealedDeadLetter.open(keyring, sourceId, dead.body()).body()).hasValue("[\"not an object\"]");
        assertThat(SQS.depth(queueUrl)).isZero();
    }

    @Test
    void javadoc_sqsReplay_resendsTheChosenReasonsAndLeavesTheRest() throws Exception {
        SqsClient sqs = SQS.client();
        String queueUrl = SQS.newQueue(Duration.ofSeconds(30));
        String deadLetterQueueUrl = SQS.newQueue(Duration.ofSeconds(30));
        Keyring keyring = KEYRING;
        String good = SQS.send(queueUrl, "{\"ip\":\"10.0.0.9\"}");
        SQS.send(queueUrl, "[\"not an object\"]");
        RefusingSink refusing = new RefusingSink(record -> record.metadata().messageId().orElseThrow().equals(good));
        runUntilResolved(Pipeline.from(SqsSource.of(sqs, queueUrl)).mask("ip", HMAC)
                .deadLetters(SqsDeadLetters.of(sqs, deadLetterQueueUrl), keyring).to(refusing), 2);

        // --- pipeline-sqs/src/main/java/io/maskpipe/sqs/SqsReplay.java: replay ---
        ReplaySummary done = SqsReplay.from(sqs, deadLetterQueueUrl)
                .to(queueUrl)
                .opening(keyring)
                .onlyReasons(ReasonCode.SINK_REJECTED)
                .run();
        // --- end ---

        assertThat(done).isEqualTo(new ReplaySummary(2, 1, 1, 0, 0));
        InMemorySink sink = InMemorySink.create();
        runUntilResolved(Pipeline.from(SqsSource.of(sqs, queueUrl)).mask("ip", HMAC).to(sink), 1);
        assertThat(sink.records()).singleElement()
                .satisfies(record -> assertThat(record.metadata().messageId()).hasValue(good));
        assertThat(SQS.drain(deadLetterQueueUrl)).singleElement().satisfies(letter -> assertThat(
                letter.messageAttributes().get(SqsDeadLetters.REASON).stringValue()).isEqualTo("NOT_AN_OBJECT"));
    }

    /** Starts the pipeline, waits until {@code messages} are written or dead-lettered, and stops it. */
    private static PipelineSummary runUntilResolved(Pipeline pipeline, int messages) throws InterruptedException {
        RunningPipeline running = pipeline.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60); // a hang guard, not a timing assertion
        while (running.summary().written() + running.summary().deadLettered() < messages
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return running.stop(Duration.ofSeconds(30));
    }
}
