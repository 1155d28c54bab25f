package com.example.logins;

import io.maskpipe.core.Masker;
import io.maskpipe.core.Maskers;
import io.maskpipe.core.Pipeline;
import io.maskpipe.core.PipelineSummary;
import io.maskpipe.core.key.Keyring;
import io.maskpipe.postgres.PostgresSink;
import io.maskpipe.sqs.SqsSource;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * Drains an SQS queue of login events into a PostgreSQL table, masking {@code ip} with the consumer's own masker and
 * {@code device_id} with a keyed HMAC. Arguments: the SQS endpoint, the queue URL, the JDBC URL and the table; the
 * key ring comes from {@code MASKPIPE_KEYS}. Prints the summary and exits 0 when every message was written.
 */
public final class LoginsApp {
    private LoginsApp() {
    }

    public static void main(String[] args) {
        URI endpoint = URI.create(args[0]);
        String queueUrl = args[1];
        String jdbcUrl = args[2];
        String table = args[3];

        // --- docs/getting-started.md: pipeline ---
        Keyring keyring = Keyring.fromEnvironment("MASKPIPE_KEYS");
        Masker hmac = Maskers.hmac(keyring);

        // No client given: SqsSource builds one, and the SDK finds the HTTP client module on the module path.
        SqsSource source = SqsSource.builder()
                .queueUrl(queueUrl)
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .build();
        PostgresSink sink = PostgresSink.into(table).url(jdbcUrl)
                .column("user_id", "user_id")
                .column("masked_ip", "ip")
                .column("masked_device_id", "device_id")
                .build();
        PipelineSummary summary;
        try (source; sink) {
            summary = Pipeline.from(source)
                    .require("user_id", "ip", "device_id")
                    .mask("ip", new NetworkOnlyMasker())
                    .mask("device_id", hmac)
                    .to(sink)
                    .run();
        }
        // --- end ---

        System.out.println("module " + LoginsApp.class.getModule().getName() + ": " + summary);
        System.exit(summary.written() == summary.received() && summary.received() > 0 ? 0 : 2);
    }
}
