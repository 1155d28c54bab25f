package io.maskpipe.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskpipe.core.key.Keyring;
import io.maskpipe.core.Masker;
import io.maskpipe.core.Maskers;
import io.maskpipe.core.Pipeline;
import io.maskpipe.core.PipelineSummary;
import io.maskpipe.doccheck.DocSnippets;
import io.maskpipe.postgres.Columns;
import io.maskpipe.postgres.PostgresSink;
import io.maskpipe.sqs.SqsDeadLetters;
import io.maskpipe.sqs.SqsSource;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The README's quick start, compiled and run here against embedded SQS and PostgreSQL. The README's blocks are
 * copied from the marked regions below, the first one with the imports it needs from this test:
 * {@link #readme_quickStart_isCopiedFromThisTest} checks it.
 */
class QuickStartTest {

    @Test
    void quickStart_threeLogins_writesThreeMaskedRows() {
        String table = ExampleHarness.freshTable("user_logins");
        String jdbcUrl = ExampleHarness.databaseUrl();
        LoginsDatabase database = LoginsDatabase.at(jdbcUrl);
        database.createTable(table);
        try (LoginQueues queues = LoginQueues.embedded()) {
            queues.send(LoginEventGenerator.seeded(7, 0).next(3));
            String queueUrl = queues.queueUrl();
            String sqsEndpoint = queueUrl.substring(0, queueUrl.indexOf('/', "http://".length()));
            String deadLetterQueueUrl = queues.deadLetterQueueUrl();
            String keyringText = "k1:" + java.util.Base64.getEncoder().encodeToString(ExampleHarness.KEY);

            // --- README.md: quick start ---
            // A local SQS (ElasticMQ, LocalStack): its endpoint, any region, any credentials.
            SqsClient sqs = SqsClient.builder()
                    .endpointOverride(URI.create(sqsEndpoint))   // e.g. http://localhost:9324
                    .region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                    .httpClient(Apache5HttpClient.create())
                    .build();

            Keyring keyring = Keyring.parse(keyringText); // or Keyring.fromEnvironment("MASKPIPE_KEYS")
            Masker hmac = Maskers.hmac(keyring);          // keyed, deterministic: duplicates stay findable

            PipelineSummary summary = Pipeline.from(SqsSource.of(sqs, queueUrl))
                    .require("user_id", "device_type", "ip", "device_id", "app_version")
                    .mask("ip", hmac)
                    .mask("device_id", hmac)
                    .deadLetters(SqsDeadLetters.of(sqs, deadLetterQueueUrl), keyring)
                    .to(PostgresSink.into(table).url(jdbcUrl)
                            .column("user_id", "user_id").column("device_type", "device_type")
                            .column("masked_ip", "ip").column("masked_device_id", "device_id")
                            .column("locale", "locale")
                            .column("app_version", Columns.versionNumber("app_version"))
                            .column("create_date", Columns.sentDate())
                            .build())
                    .run();
            sqs.close();
            // --- end ---

            assertThat(summary.written()).isEqualTo(3);
        }
        List<List<String>> rows = database.query("SELECT masked_ip FROM " + table);
        assertThat(rows).hasSize(3).allSatisfy(row -> assertThat(row.get(0)).startsWith("k1:"));
        assertThat(database.query("SELECT count(*) FROM maskpipe_ledger WHERE target::text LIKE '%" + table + "'"))
                .containsExactly(List.of("3")); // the README says the sink keeps this table
    }

    @Test
    void quickStart_awsClient_buildsWithRegionAndTheDefaultCredentialsChain() {
        // --- README.md: quick start on AWS ---
        // On AWS: the queue's region; credentials from the SDK's default chain (environment, profile, IAM role).
        SqsClient sqs = SqsClient.builder()
                .region(Region.EU_WEST_1)
                .httpClient(Apache5HttpClient.create())
                .build();
        // --- end ---

        assertThat(sqs.serviceClientConfiguration().region()).isEqualTo(Region.EU_WEST_1);
        sqs.close();
    }

    @Test
    void readme_quickStart_isCopiedFromThisTest() {
        DocSnippets.forThisModule().assertQuoted(QuickStartTest.class);
    }
}
