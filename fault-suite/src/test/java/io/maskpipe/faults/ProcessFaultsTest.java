package io.maskpipe.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskpipe.core.PipelineSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The pipeline's own process killed mid-batch, and two pipelines sharing one queue. */
class ProcessFaultsTest {
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(60);
    /** The advisory lock key of the sigkill scenario's gate (advisory locks are per database). */
    private static final int GATE_KEY = 7_340_001;

    @RegisterExtension
    static final Servers servers = new Servers();

    /**
     * SIGKILL while a batch is being written, then a second run once the killed run's messages are visible again.
     * Once the table holds 40 rows (its own transaction's counted), a row write waits at its end, its rows inserted
     * and not committed, for an advisory lock the test holds; the test kills the process when it sees one waiting:
     * the kill lands mid-batch, after at least one batch committed and with most messages unwritten, whatever the
     * machine's speed. No refused messages here: a rejection
     * dead-lettered just before the kill would be dead-lettered again (issue 11, item 7).
     */
    @Test
    void pipeline_processKilledMidBatchAndRestarted_losesAndDoublesNothing(@TempDir Path directory)
            throws Exception {
        try (Scenario scenario = Scenario.create(servers, "sigkill", Duration.ofSeconds(2))) {
            scenario.database().execute("""
                    CREATE FUNCTION gate() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN
                        IF (SELECT count(*) FROM events) >= 40 THEN PERFORM pg_advisory_xact_lock_shared(%d); END IF;
                        RETURN NULL;
                    END $$;
                    CREATE TRIGGER gate AFTER INSERT ON events FOR EACH STATEMENT EXECUTE FUNCTION gate();"""
                    .formatted(GATE_KEY));
            scenario.send(200, 0);
            Path log = directory.resolve("pipeline.log");
            try (Connection gate = scenario.database().connect(); Statement statement = gate.createStatement()) {
                statement.execute("SELECT pg_advisory_lock(" + GATE_KEY + ")");
                Process pipeline = PipelineProcess.start(scenario, log);
                try {
                    Waits.await("a row write waiting at the gate", RUN_TIMEOUT, () -> scenario.database().count(
                            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                                    + " AND application_name = 'maskpipe' AND wait_event_type = 'Lock'"
                                    + " AND wait_event = 'advisory'") > 0);
                } finally {
                    pipeline.destroyForcibly();
                    assertThat(pipeline.waitFor(10, TimeUnit.SECONDS)).as("killed").isTrue();
                    System.out.print(Files.readString(log));
                }
            } // the gate opens: a waiting backend goes on, finds its client gone and rolls back
            // A COMMIT the killed process sent may still complete: count once its backends are gone.
            Waits.await("the killed process's backends to end", RUN_TIMEOUT, () -> scenario.database().count(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = '" + scenario.databaseName()
                            + "' AND application_name = 'maskpipe'") == 0);
            long rowsOfKilledRun = scenario.rows();
            assertThat(rowsOfKilledRun).as("killed mid-run, a batch of 20 committed at least").isBetween(20L, 199L);
            scenario.database().execute("DROP TRIGGER gate ON events");

            scenario.awaitNoneInFlight(Duration.ofSeconds(10));
            PipelineSummary second = scenario.pipeline().run();
            Accounting.of(scenario).summaries(second).rowsOutsideSummaries(rowsOfKilledRun).check();
        }
    }

    /**
     * Both runs must take part whatever the machine's speed: while the test holds the table lock, neither can write,
     * so neither can take more than its in-flight bound (40, past it by one receive per poller: at most 60 of the
     * 200); the test lets them write once each has received messages.
     */
    @Test
    void pipeline_twoPipelinesOnOneQueue_shareTheWorkWithoutDoubling() throws Exception {
        try (Scenario scenario = Scenario.create(servers, "twopipelines", Duration.ofSeconds(5))) {
            scenario.send(200, 20);
            Heard heardFirst = new Heard();
            Heard heardSecond = new Heard();
            CompletableFuture<PipelineSummary> first;
            CompletableFuture<PipelineSummary> second;
            try (TableLock lock = TableLock.hold(scenario)) {
                first = Waits.runInBackground(
                        scenario.stage().maxInFlight(40).listener(heardFirst).to(scenario.newSink()));
                second = Waits.runInBackground(
                        scenario.stage().maxInFlight(40).listener(heardSecond).to(scenario.newSink()));
                heardFirst.awaitReceived(RUN_TIMEOUT);
                heardSecond.awaitReceived(RUN_TIMEOUT);
                lock.release();
            }
            PipelineSummary a = first.get(RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            PipelineSummary b = second.get(RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            assertThat(a.received()).as("the first pipeline's share").isPositive();
            assertThat(b.received()).as("the second pipeline's share").isPositive();
            Accounting.of(scenario).summaries(a, b).check();
        }
    }
}
