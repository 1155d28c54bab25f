package io.maskpipe.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskpipe.core.PipelineException;
import io.maskpipe.core.PipelineSummary;
import io.maskpipe.postgres.PostgresSink;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Faults of the setup (docs/postgres.md: setup): the run stops with one clear {@link PipelineException}, nothing
 * is dead-lettered for it, and every message not yet written stays on the queue; once the setup is fixed, a second
 * run finishes the work and every message is accounted for.
 */
class SetupFaultsTest {
    private static final Duration VISIBILITY = Duration.ofSeconds(3);
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(60);
    private static final String PASSWORD = "fault-suite-password";

    @RegisterExtension
    static final Servers servers = new Servers();

    @Test
    void pipeline_insertPrivilegeRevokedMidRun_stopsAndLeavesEveryMessageOnTheQueue() throws Exception {
        try (Scenario scenario = Scenario.create(servers, "revoked", VISIBILITY)) {
            String role = ("fs_writer_" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xFFFFF)))
                    .toLowerCase(Locale.ROOT);
            scenario.admin().execute("CREATE ROLE " + role + " LOGIN PASSWORD '" + PASSWORD + "'");
            try {
                try (PostgresSink sink = Scenario.sink(scenario.database().url())) {
                    sink.open(); // the ledger, owned by the test's user
                }
                scenario.database().execute("GRANT SELECT, INSERT ON " + Scenario.TABLE + " TO " + role
                        + "; GRANT SELECT, INSERT, DELETE ON maskpipe_ledger TO " + role);
                String url = scenario.database().url().replaceAll("(?<=[?&])(user|password)=[^&]*(&|$)", "")
                        + (scenario.database().url().contains("?") ? "&" : "?") + "user=" + role + "&password="
                        + PASSWORD;
                scenario.send(100, 25);
                CompletableFuture<PipelineSummary> run = Waits.runInBackground(
                        scenario.pipeline(Scenario.sink(url)));
                scenario.awaitRows(20, RUN_TIMEOUT);
                scenario.database().execute("REVOKE INSERT ON " + Scenario.TABLE + " FROM " + role);
                scenario.send(100, 25);

                assertRunStops(run, "42501", "insufficient privilege");
                long deadLettered = assertNothingDeadLetteredForTheSetup(scenario);
                scenario.database().execute("GRANT INSERT ON " + Scenario.TABLE + " TO " + role);
                finishAndAccount(scenario, Scenario.sink(url), deadLettered);
            } finally {
                scenario.admin().execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '"
                        + role + "'");
                scenario.database().execute("DROP OWNED BY " + role);
                scenario.admin().execute("DROP ROLE " + role);
            }
        }
    }

    /** Renamed away rather than dropped, so the rows written before stay countable: the sink sees 42P01 alike. */
    @Test
    void pipeline_tableGoneMidRun_stopsAndLeavesEveryMessageOnTheQueue() throws Exception {
        try (Scenario scenario = Scenario.create(servers, "tablegone", VISIBILITY)) {
            scenario.send(100, 25);
            CompletableFuture<PipelineSummary> run = Waits.runInBackground(scenario.pipeline());
            scenario.awaitRows(20, RUN_TIMEOUT);
            scenario.database().execute("ALTER TABLE " + Scenario.TABLE + " RENAME TO events_gone");
            scenario.send(100, 25);

            assertRunStops(run, "42P01", "undefined table");
            scenario.database().execute("ALTER TABLE events_gone RENAME TO " + Scenario.TABLE);
            long deadLettered = assertNothingDeadLetteredForTheSetup(scenario);
            finishAndAccount(scenario, Scenario.sink(scenario.database().url()), deadLettered);
        }
    }

    private static void assertRunStops(CompletableFuture<PipelineSummary> run, String sqlState, String condition)
            throws InterruptedException {
        try {
            PipelineSummary summary = run.get(RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            throw new AssertionError("the run should have stopped, but it ended normally: " + summary);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(PipelineException.class)
                    .hasMessageContaining("SQLSTATE " + sqlState + " (" + condition + ")");
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the run did not stop within " + RUN_TIMEOUT.toSeconds() + " s", e);
        }
    }

    /**
     * Checks that what the run left is all on the queue: rows, plus dead letters of the refused messages only, plus
     * messages on the queue (once their visibility expired) cover every message sent. Returns the dead letters.
     */
    private static long assertNothingDeadLetteredForTheSetup(Scenario scenario) {
        scenario.awaitNoneInFlight(VISIBILITY.plusSeconds(5));
        long rows = scenario.rows();
        long deadLetters = scenario.deadLetterDepth();
        long refusedWritten = scenario.database().count("SELECT count(*) FROM " + Scenario.TABLE
                + " WHERE n LIKE 'bad%'");
        assertThat(refusedWritten).isZero();
        assertThat(deadLetters).as("dead letters: refused messages only").isLessThanOrEqualTo(
                scenario.expectedDeadLetters().size());
        // Nothing lost: every message is a row, a dead letter or still on the queue. A message stored just before the
        // stop whose delete had not been sent yet is both (at least once): it comes back and the next run settles it
        // as a duplicate, which finishAndAccount checks exactly.
        assertThat(rows + deadLetters).as("rows + dead letters").isLessThanOrEqualTo(scenario.sent().size());
        assertThat(rows + deadLetters + scenario.queueDepth()).as("rows + dead letters + messages on the queue")
                .isGreaterThanOrEqualTo(scenario.sent().size());
        return deadLetters;
    }

    private static void finishAndAccount(Scenario scenario, PostgresSink sink, long deadLettersBefore) {
        long rowsBefore = scenario.rows();
        PipelineSummary second = scenario.pipeline(sink).run();
        Accounting.of(scenario).summaries(second).rowsOutsideSummaries(rowsBefore)
                .deadLettersOutsideSummaries(deadLettersBefore).deadLettersRepeatAfterAStop().check();
    }
}
