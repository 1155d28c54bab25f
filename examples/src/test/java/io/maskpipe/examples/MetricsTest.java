package io.maskpipe.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskpipe.core.Maskers;
import io.maskpipe.core.PipelineSummary;
import io.maskpipe.micrometer.MicrometerListener;
import io.maskpipe.sqs.SqsDeadLetters;
import io.maskpipe.sqs.SqsSource;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** maskpipe-micrometer on a real run of the user-logins pipeline: the meters agree with the table and the DLQ. */
class MetricsTest {

    @Test
    void meters_realRunOnEmbeddedServers_countWhatTheDatabaseAndTheDeadLetterQueueHold() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MicrometerListener metrics = MicrometerListener.of(registry, Tags.of("pipeline", "user-logins"));
        LoginsDatabase database = LoginsDatabase.at(ExampleHarness.databaseUrl());
        String table = ExampleHarness.freshTable("metered_logins");
        database.createTable(table);
        PipelineSummary summary;
        try (LoginQueues queues = LoginQueues.embedded()) {
            queues.send(LoginEventGenerator.seeded(7, 10).next(300));
            try (SqsSource source = SqsSource.of(queues.client(), queues.queueUrl())) {
                summary = UserLogins.steps(source, Maskers.hmac(ExampleHarness.KEYRING),
                                Maskers.hmac(ExampleHarness.KEYRING))
                        .deadLetters(SqsDeadLetters.of(queues.client(), queues.deadLetterQueueUrl()),
                                ExampleHarness.KEYRING)
                        .pollWait(Duration.ofMillis(250))
                        .listener(metrics)
                        .to(database.sink(table))
                        .run();
            }
            int deadLetters = queues.peekDeadLetters().size();
            long rows = Long.parseLong(database.query("SELECT count(*) FROM " + table).get(0).get(0));

            assertThat(count(registry, "messaging.client.consumed.messages")).isEqualTo(300);
            assertThat(count(registry, "maskpipe.written.messages")).isEqualTo(rows).isEqualTo(summary.written());
            assertThat(count(registry, "maskpipe.rejected.messages")).isEqualTo(deadLetters)
                    .isEqualTo(summary.rejected());
            assertThat(count(registry, "maskpipe.dead.lettered.messages")).isEqualTo(deadLetters);
            assertThat(rows + deadLetters).isEqualTo(300);
            assertThat(registry.get("maskpipe.in.flight.messages").gauge().value()).isZero();
            assertThat(registry.get("maskpipe.batch.size").summary().count()).isEqualTo(summary.batches());
            assertThat(registry.get("messaging.process.duration").timer().count()).isEqualTo(summary.batches());
        }
    }

    private static long count(SimpleMeterRegistry registry, String name) {
        return (long) registry.find(name).counters().stream().mapToDouble(c -> c.count()).sum();
    }
}
