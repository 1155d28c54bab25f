package io.maskpipe.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskpipe.core.PipelineSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The pipeline's own process killed mid-batch, and two pipelines sharing one queue. */
class ProcessFaultsTest {
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(60);

    @RegisterExtension
    static final Servers servers = new Servers();

    /**
     * SIGKILL while batches are being written (each statement is slowed down so a transaction is open most of the
     * time), then a second run once the killed run's messages are visible again. No refused messages here: a
     * rejection dead-lettered just before the kill would be dead-lettered again (issue 11, item 7).
     */
    @Test
    void pipeline_processKilledMidBatchAndRestarted_losesAndDoublesNothing(@TempDir Path directory)
            throws Exception {
        try (Scenario scenario = Scenario.create(servers, "sigkill", Duration.ofSeconds(2))) {
            scenario.database().execute("""
                    CREATE FUNCTION slow() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN PERFORM pg_sleep(0.3); RETURN NULL; END $$;
                    CREATE TRIGGER slow AFTER INSERT ON events FOR EACH STATEMENT EXECUTE FUNCTION slow();""");
            scenario.send(200, 0);
            Path log = directory.resolve("pipeline.log");
            Process pipeline = PipelineProcess.start(scenario, log);
            try {
                scenario.awaitRows(40, RUN_TIMEOUT);
            } finally {
                pipeline.destroyForcibly();
                assertThat(pipeline.waitFor(10, TimeUnit.SECONDS)).as("killed").isTrue();
                System.out.print(Files.readString(log));
            }
            // A COMMIT the killed process sent may still complete: count once its backends are gone.
            Waits.await("the killed process's backends to end", RUN_TIMEOUT, () -> scenario.database().count(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = '" + scenario.databaseName()
                            + "' AND application_name = 'maskpipe'") == 0);
            long rowsOfKilledRun = scenario.rows();
            assertThat(rowsOfKilledRun).as("killed mid-run").isLessThan(200);
            scenario.database().execute("DROP TRIGGER slow ON events");

            scenario.awaitNoneInFlight(Duration.ofSeconds(10));
            PipelineSummary second = scenario.pipeline().run();
            Accounting.of(scenario).summaries(second).rowsOutsideSummaries(rowsOfKilledRun).check();
        }
    }

    @Test
    void pipeline_twoPipelinesOnOneQueue_shareTheWorkWithoutDoubling() throws Exception {
        try (Scenario scenario = Scenario.create(servers, "twopipelines", Duration.ofSeconds(5))) {
            scenario.send(200, 20);
            // Each holds at most two batches, so neither can take the whole queue before the other starts.
            CompletableFuture<PipelineSummary> first = Waits.runInBackground(
                    scenario.stage().maxInFlight(40).to(scenario.newSink()));
            CompletableFuture<PipelineSummary> second = Waits.runInBackground(
                    scenario.stage().maxInFlight(40).to(scenario.newSink()));
            PipelineSummary a = first.get(RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            PipelineSummary b = second.get(RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertThat(a.received()).as("the first pipeline's share").isPositive();
            assertThat(b.received()).as("the second pipeline's share").isPositive();
            Accounting.of(scenario).summaries(a, b).check();
        }
    }
}
