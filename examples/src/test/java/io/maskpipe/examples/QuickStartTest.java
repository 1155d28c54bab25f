package io.maskpipe.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskpipe.core.key.Keyring;
import io.maskpipe.core.Masker;
import io.maskpipe.core.Maskers;
import io.maskpipe.core.Pipeline;
import io.maskpipe.core.PipelineSummary;
import io.maskpipe.postgres.Columns;
import io.maskpipe.postgres.PostgresSink;
import io.maskpipe.sqs.SqsDeadLetters;
import io.maskpipe.sqs.SqsSource;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

/** The README's quick start, compiled and run here against embedded SQS and PostgreSQL; keep the two in step. */
class QuickStartTest {

    @Test
    void quickStart_threeLogins_writesThreeMaskedRows() {
        String table = ExampleHarness.freshTable("user_logins");
        String jdbcUrl = ExampleHarness.databaseUrl();
        LoginsDatabase database = LoginsDatabase.at(jdbcUrl);
        database.createTable(table);
        try (LoginQueues queues = LoginQueues.embedded()) {
            queues.send(LoginEventGenerator.seeded(7, 0).next(3));
            SqsClient sqs = queues.client();
            String queueUrl = queues.queueUrl();
            String deadLetterQueueUrl = queues.deadLetterQueueUrl();
            String keyringText = "k1:" + java.util.Base64.getEncoder().encodeToString(ExampleHarness.KEY);

            // README quick start: begin
            Keyring keyring = Keyring.parse(keyringText); // or Keyring.fromEnvironment("MASKPIPE_KEYS")
            Masker hmac = Maskers.hmac(keyring);          // keyed, deterministic: duplicates stay findable

            PipelineSummary summary = Pipeline.from(SqsSource.of(sqs, queueUrl))
                    .require("user_id", "device_type", "ip", "device_id", "app_version")
                    .mask("ip", hmac)
                    .mask("device_id", hmac)
                    .deadLetters(SqsDeadLetters.of(sqs, deadLetterQueueUrl))
                    .to(PostgresSink.into(table).url(jdbcUrl)
                            .column("user_id", "user_id").column("device_type", "device_type")
                            .column("masked_ip", "ip").column("masked_device_id", "device_id")
                            .column("locale", "locale")
                            .column("app_version", Columns.versionNumber("app_version"))
                            .column("create_date", Columns.sentDate())
                            .build())
                    .run();
            // README quick start: end

            assertThat(summary.written()).isEqualTo(3);
        }
        List<List<String>> rows = database.query("SELECT masked_ip FROM " + table);
        assertThat(rows).hasSize(3).allSatisfy(row -> assertThat(row.get(0)).startsWith("k1:"));
    }
}
