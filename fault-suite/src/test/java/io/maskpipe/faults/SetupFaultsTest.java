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
 * Faults of the setup (docs/postgres.md: setup): the run stops with one clear {@link PipelineException} naming the
 * fix, nothing is dead-lettered for it, and every message stays on the queue; once the setup is fixed, a second run
 * finishes the work and every message is accounted for.
 *
 * <p>The fault lands mid-run without a timing assumption: the test holds the table's lock ({@link TableLock}), so
 * the run's first row write waits inside PostgreSQL, after the sink opened and claimed the batch in the ledger; the
 * fault is applied in the lock's transaction and the waiting write meets it when the lock is released. Nothing can
 * be written or dead-lettered before, so the whole queue is left, counted exactly.
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
                CompletableFuture<PipelineSummary> run;
                try (TableLock lock = TableLock.hold(scenario)) {
                    run = Waits.runInBackground(scenario.pipeline(Scenario.sink(url)));
                    lock.awaitWaitingWrite(RUN_TIMEOUT);
                    lock.execute("REVOKE INSERT ON " + Scenario.TABLE + " FROM " + role);
                    scenario.send(100, 25);
                    lock.release();
                }

                assertRunStops(run, "42501", "insufficient privilege", "grant the sink's user SELECT and INSERT");
                assertEveryMessageLeftOnTheQueue(scenario);
                scenario.database().execute("GRANT INSERT ON " + Scenario.TABLE + " TO " + role);
                finishAndAccount(scenario, Scenario.sink(url));
            } finally {
                scenario.admin().execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '"
                        + role + "'");
                scenario.database().execute("DROP OWNED BY " + role);
                scenario.admin().execute("DROP ROLE " + role);
            }
        }
    }

    /**
     * Renamed away rather than dropped, so it can be renamed back for the second run: the sink sees 42P01 alike. The
     * waiting write looks its table up again by name once it has the lock, and finds none.
     */
    @Test
    void pipeline_tableGoneMidRun_stopsAndLeavesEveryMessageOnTheQueue() throws Exception {
        try (Scenario scenario = Scenario.create(servers, "tablegone", VISIBILITY)) {
            scenario.send(100, 25);
            CompletableFuture<PipelineSummary> run;
            try (TableLock lock = TableLock.hold(scenario)) {
                run = Waits.runInBackground(scenario.pipeline());
                lock.awaitWaitingWrite(RUN_TIMEOUT);
                lock.execute("ALTER TABLE " + Scenario.TABLE + " RENAME TO events_gone");
                scenario.send(100, 25);
                lock.release();
            }

            assertRunStops(run, "42P01", "undefined table", "the table or the ledger is missing");
            scenario.database().execute("ALTER TABLE events_gone RENAME TO " + Scenario.TABLE);
            assertEveryMessageLeftOnTheQueue(scenario);
            finishAndAccount(scenario, Scenario.sink(scenario.database().url()));
        }
    }

    private static void assertRunStops(CompletableFuture<PipelineSummary> run, String sqlState, String condition,
            String fix) throws InterruptedException {
        try {
            PipelineSummary summary = run.get(RUN_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            throw new AssertionError("the run should have stopped, but it ended normally: " + summary);
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(PipelineException.class)
                    .hasMessageContaining("fix its setup")
                    .hasMessageContaining("SQLSTATE " + sqlState + " (" + condition + ")")
                    .hasMessageContaining(fix);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("the run did not stop within " + RUN_TIMEOUT.toSeconds() + " s", e);
        }
    }

    /**
     * Checks that the stopped run left every message sent on the queue (once their visibility expired): no row, no
     * dead letter, not even of the messages the table refuses, as no row write got past the fault.
     */
    private static void assertEveryMessageLeftOnTheQueue(Scenario scenario) {
        scenario.awaitNoneInFlight(VISIBILITY.plusSeconds(5));
        assertThat(scenario.rows()).as("rows").isZero();
        assertThat(scenario.deadLetterDepth()).as("dead letters").isZero();
        assertThat(scenario.queueDepth()).as("messages on the queue").isEqualTo(scenario.sent().size());
    }

    private static void finishAndAccount(Scenario scenario, PostgresSink sink) {
        PipelineSummary second = scenario.pipeline(sink).run();
        Accounting.of(scenario).summaries(second).check();
    }
}
