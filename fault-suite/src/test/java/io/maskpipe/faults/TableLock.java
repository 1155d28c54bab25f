package io.maskpipe.faults;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * The scenario table's {@code ACCESS EXCLUSIVE} lock, held in a transaction of the test's own, so that a fault lands
 * before the pipeline has written anything, whatever the machine's speed. The sink claims a batch's ids in the ledger
 * first (its {@code ?::regclass} takes no lock on the table), then its row write ({@code COPY} or {@code INSERT})
 * waits for this lock inside PostgreSQL; a run cannot drain while that write is in flight. The test waits until it
 * sees such a write waiting ({@link #awaitWaitingWrite}), applies the fault (in this transaction with
 * {@link #execute}, or from elsewhere), and then lets the write go ({@link #release}), which meets the fault.
 */
final class TableLock implements AutoCloseable {
    private final Scenario scenario;
    private final Connection holder;
    private final long tableOid;

    private TableLock(Scenario scenario, Connection holder, long tableOid) {
        this.scenario = scenario;
        this.holder = holder;
        this.tableOid = tableOid;
    }

    /** Takes the lock on {@link Scenario#TABLE}, with no lock or statement timeout of its own. */
    static TableLock hold(Scenario scenario) throws SQLException {
        Connection holder = scenario.database().connect();
        try (Statement statement = holder.createStatement()) {
            statement.execute("SET lock_timeout = 0; SET statement_timeout = 0");
            holder.setAutoCommit(false);
            statement.execute("LOCK TABLE " + Scenario.TABLE + " IN ACCESS EXCLUSIVE MODE");
            try (ResultSet oid = statement.executeQuery("SELECT '" + Scenario.TABLE + "'::regclass::oid")) {
                oid.next();
                return new TableLock(scenario, holder, oid.getLong(1));
            }
        } catch (SQLException | RuntimeException e) {
            holder.close();
            throw e;
        }
    }

    /**
     * Waits until a backend of the sink (application name {@code maskpipe}) waits for the row-write lock on the
     * table: a batch is being written and cannot finish before {@link #release}.
     */
    void awaitWaitingWrite(Duration timeout) {
        String waiting = "SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
                + " WHERE l.locktype = 'relation' AND l.relation = " + tableOid + " AND NOT l.granted"
                + " AND l.mode = 'RowExclusiveLock' AND l.database = (SELECT oid FROM pg_database"
                + " WHERE datname = current_database()) AND a.application_name = 'maskpipe'"
                + " AND a.wait_event_type = 'Lock'";
        Waits.await("a row write of the sink waiting for the table lock", timeout,
                () -> scenario.database().count(waiting) > 0);
    }

    /** Runs statements in the transaction that holds the lock: they take effect together with {@link #release}. */
    void execute(String sql) throws SQLException {
        try (Statement statement = holder.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Commits the holding transaction: the waiting writes go on and meet whatever it changed. */
    void release() throws SQLException {
        holder.commit();
    }

    /** Rolls back what was not released and disconnects; a connection the test terminated is gone already. */
    @Override
    public void close() {
        try {
            if (!holder.isClosed() && !holder.getAutoCommit()) {
                holder.rollback();
            }
        } catch (SQLException e) {
            // terminated with the other backends of the database, or the server was stopped: the lock is gone
        }
        try {
            holder.close();
        } catch (SQLException e) {
            // as above
        }
    }
}
