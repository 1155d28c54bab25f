package io.maskpipe.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.maskpipe.core.PipelineSummary;
import io.maskpipe.testpostgres.TestPostgres;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL stopped mid-run and started again on the same port and data: every connection breaks and new ones are
 * refused (class 08, 57P01, 57P03) while it is down; the pipeline waits and retries, the sink reconnects.
 */
class ServerRestartTest {
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(60);

    @RegisterExtension
    static final Servers servers = new Servers();

    @Test
    void pipeline_serverRestartedMidRun_losesAndDoublesNothing(@TempDir Path dataDirectory) throws Exception {
        assumeFalse(TestPostgres.isExternal(), "restarts an embedded server of its own");
        int port = Servers.freePort();
        EmbeddedPostgres server = TestPostgres.startEmbedded(dataDirectory, port, Servers.POSTGRES_MAX_CONNECTIONS);
        try {
            try (Scenario scenario = Scenario.onServer(servers, server.getJdbcUrl("postgres", "postgres"), "restart",
                    Duration.ofSeconds(4))) {
                scenario.send(100, 25);
                CompletableFuture<PipelineSummary> run;
                // The run's first row write waits for the test's table lock when the server stops, so the stop
                // lands mid-run and no commit can be in flight: nothing may be written twice.
                try (TableLock lock = TableLock.hold(scenario)) {
                    run = Waits.runInBackground(scenario.pipeline());
                    lock.awaitWaitingWrite(RUN_TIMEOUT);
                    server.close();
                }
                scenario.send(100, 25);
                Waits.sleep(Duration.ofSeconds(2)); // down for a while: retries meet refused connections
                server = TestPostgres.startEmbedded(dataDirectory, port, Servers.POSTGRES_MAX_CONNECTIONS);

                PipelineSummary summary = run.get(RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                assertThat(summary.retries()).as("writes retried while the server was down").isPositive();
                Accounting.of(scenario).summaries(summary).check();
            }
        } finally {
            TestPostgres.closeQuietly(server);
        }
    }
}
