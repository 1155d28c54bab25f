package io.maskpipe.postgres;

import io.maskpipe.core.record.Record;
import io.maskpipe.core.record.Rejection;
import io.maskpipe.core.spi.ConnectorException.Kind;
import io.maskpipe.core.spi.SinkException;
import io.maskpipe.core.spi.WriteResult;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.StatementExceptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one batch in one transaction: claims the batch's message ids in the ledger, inserts the rows whose ids
 * were new, and commits both together. It tries once: a failure of the whole batch becomes a {@link SinkException}
 * of the kind {@link SqlStates} gives, and the engine alone decides whether and when to try again.
 *
 * <p>Maintainer notes. (1) The ledger claim ({@link LedgerClaims}) is a plain insert of the batch's keys, which rise
 * with the messages' sent times so that they land at the index's right edge; only when one is there already (a
 * unique violation) is the transaction rolled back, before anything else was written, and the ids claimed again
 * with {@code ON CONFLICT DO NOTHING RETURNING}, which tells which are new. The plain insert measured about 1.5 to 2
 * times as fast on the server (docs/performance.md). Ids are sorted first so that two writers with overlapping
 * batches lock in the same order. A writer that meets another's uncommitted id waits for it, then sees a conflict
 * (or none, if the other rolled back): the ledger's key serializes concurrent writers.
 * (2) Rows are checked in Java first ({@link ValueEncoder}); what only the server knows (CHECK, unique, foreign
 * keys, triggers) is isolated by halving the failing set under savepoints, so k bad rows cost about k log n
 * statements, and their ledger entries are removed before the commit. (3) A commit whose answer is lost is a
 * transient failure; when the engine writes the batch again the ledger reports those rows as duplicates, so nothing
 * is written twice. (4) A second copy of a message in the same batch (SQS delivers at least once) is not sent: it
 * takes its first copy's result once that is known, so a duplicate is reported only for a row that is committed.
 * (5) A connection that saw a connection error, a shutdown or a read-only node is closed, never reused: after a
 * failover, pooled connections may still point at the demoted primary. (6) For a batch of {@value #OVERLAP_IDS} ids
 * or more, the transaction is opened and the ids claimed on a claimer thread while this one encodes the records, so
 * the server's work on the claim and the JVM's on the values overlap; the connection is handed over once the claim
 * is done, and used by one thread at a time. The claim therefore includes the ids of records that encoding then
 * rejects; those entries are deleted before the commit, as are those of rows the server refused. A batch whose every
 * record is rejected in encoding rolls the claim back and reports its rejections, whatever the claim's outcome.
 */
final class BatchWriter {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresSink.class);

    private final Jdbi jdbi;
    private final Target target;
    private final LedgerClaims claims;
    // At fewer ids the claim waits for the encoding: handing it to another thread would cost about what it saves.
    static final int OVERLAP_IDS = 100;

    private final RowInserter inserter;
    private final Runnable onRetiredConnection;
    private final ExecutorService claimer;

    /** A record ready to insert: its position in the batch, its message id's ledger UUID and its column texts. */
    record Row(int index, UUID ledgerId, String[] values) {
    }

    /** A later copy of a message in the same batch: its position and the position of the copy that is written. */
    private record Copy(int index, int firstIndex) {
    }

    BatchWriter(Jdbi jdbi, Target target, Ledger ledger, EarlierLedger earlier, int copyThreshold,
            Runnable onRetiredConnection) {
        this.jdbi = jdbi;
        this.target = target;
        this.claims = new LedgerClaims(ledger, target, earlier);
        this.inserter = new RowInserter(target, copyThreshold);
        this.onRetiredConnection = onRetiredConnection;
        this.claimer = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "maskpipe-postgres-claim");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Stops the claimer threads once their claims are done; writes after this claim on their own thread. */
    void close() {
        claimer.shutdown();
    }

    List<WriteResult> write(List<Record> records) {
        WriteResult[] results = new WriteResult[records.size()];
        UUID[] ledgerIds = LedgerClaims.ledgerIds(records, results);
        UUID[] claimIds = LedgerClaims.distinctSorted(ledgerIds);
        if (claimIds.length > 0) {
            List<Copy> copies = new ArrayList<>();
            writeRows(records, ledgerIds, claimIds, results, copies);
            for (Copy copy : copies) {
                WriteResult first = results[copy.firstIndex()];
                results[copy.index()] = first.status() == WriteResult.Status.REJECTED ? first
                        : WriteResult.duplicate();
            }
        }
        return Arrays.asList(results);
    }

    // Encodes every record that has a ledger id; a value that does not fit rejects its record here, and a later
    // copy of a message whose row is to be written is set aside. A copy after a rejected one is encoded on its own.
    private List<Row> prepare(List<Record> records, UUID[] ledgerIds, WriteResult[] results, List<Copy> copies) {
        List<Row> rows = new ArrayList<>(records.size());
        Map<UUID, Integer> firstIndex = new HashMap<>(records.size() * 4 / 3 + 1); // never resized
        List<TargetColumn> columns = target.columns();
        records:
        for (int i = 0; i < records.size(); i++) {
            UUID id = ledgerIds[i];
            if (id == null) {
                continue;
            }
            Integer first = firstIndex.get(id);
            if (first != null) {
                copies.add(new Copy(i, first));
                continue;
            }
            Record record = records.get(i);
            String[] values = new String[columns.size()];
            for (int c = 0; c < values.length; c++) {
                try {
                    values[c] = columns.get(c).encode(record);
                } catch (ColumnRejection e) {
                    results[i] = WriteResult.rejected(columns.get(c).reject(e));
                    continue records;
                }
            }
            firstIndex.put(id, i);
            rows.add(new Row(i, id, values));
        }
        return rows;
    }
    private void writeRows(List<Record> records, UUID[] ledgerIds, UUID[] claimIds, WriteResult[] results,
            List<Copy> copies) {
        Map<Integer, Rejection> rejected = new HashMap<>();
        Step step = new Step();
        Written written;
        try {
            written = writeOnce(records, ledgerIds, claimIds, results, copies, rejected, step);
        } catch (SQLException e) {
            String state = SqlStates.of(e);
            Kind kind = SqlStates.kindOf(state);
            String fix = SqlStates.fixOrNull(state);
            String message = "write to " + target.quoted() + " failed (" + step.name + "): " + Sql.describe(e)
                    + (fix == null ? "" : "; " + fix);
            LOG.debug("{} [{}]", message, kind);
            throw new SinkException(message, kind, Sql.scrub(e));
        } catch (JdbiException e) {
            // No SQLSTATE to classify (a connection source that failed without one): unknown, so transient.
            throw new SinkException("write to " + target.quoted() + " failed (" + step.name + "): "
                    + e.getClass().getSimpleName(), Kind.TRANSIENT, null);
        }
        for (Row row : written.rows()) {
            Rejection rejection = rejected.get(row.index());
            results[row.index()] = rejection != null ? WriteResult.rejected(rejection)
                    : written.isNew(row.ledgerId()) ? WriteResult.written() : WriteResult.duplicate();
        }
    }

    /** What the transaction was doing, for the message of a failure. */
    private static final class Step {
        private String name = "connect";
    }

    /** An open transaction whose ids are claimed: {@code claimed} are the new ones, {@code null} when all are. */
    private record Transaction(Handle handle, Connection connection, Set<UUID> claimed) {
    }

    /** The committed batch: its rows and the ids that were new ({@code null} when all were). */
    private record Written(List<Row> rows, Set<UUID> claimed) {
        boolean isNew(UUID id) {
            return claimed == null || claimed.contains(id);
        }
    }

    // One transaction: ledger claim, inserts (isolating rows the server refuses), ledger release of the ids claimed
    // but not written, commit. The records are encoded while the claim is on its way: on the claimer thread for a
    // batch of OVERLAP_IDS or more, so the server's work on the claim and the encoding overlap; otherwise first. A
    // batch whose every record is rejected in encoding writes nothing and needs no answer from the database.
    private Written writeOnce(List<Record> records, UUID[] ledgerIds, UUID[] claimIds, WriteResult[] results,
            List<Copy> copies, Map<Integer, Rejection> rejected, Step step) throws SQLException {
        Future<Transaction> begun = claimIds.length >= OVERLAP_IDS ? beginElsewhere(claimIds, step) : null;
        List<Row> rows;
        try {
            rows = prepare(records, ledgerIds, results, copies);
        } catch (RuntimeException | Error e) {
            abandon(begun);
            throw e;
        }
        if (rows.isEmpty()) {
            abandon(begun);
            return new Written(rows, null);
        }
        Transaction transaction = begun != null ? join(begun) : begin(claimIds, step);
        Connection connection = transaction.connection();
        boolean committed = false;
        try {
            Set<UUID> claimed = transaction.claimed();
            if (claims.consultsEarlier()) {
                step.name = "earlier ledger look-up";
                claimed = claims.withoutEarlier(connection, claimed, records, ledgerIds, claimIds);
            }
            Written written = new Written(rows, claimed);
            List<Row> inserts = new ArrayList<>(rows.size());
            for (Row row : rows) {
                if (written.isNew(row.ledgerId())) {
                    inserts.add(row);
                }
            }
            step.name = "insert";
            if (!inserts.isEmpty()) {
                inserter.insertIsolating(connection, inserts, rejected);
            }
            step.name = "ledger release";
            UUID[] unwritten = unwritten(written, inserts, claimIds, rejected);
            if (unwritten.length > 0) {
                claims.release(connection, unwritten);
            }
            step.name = "commit";
            connection.commit();
            committed = true;
            return written;
        } catch (SQLException e) {
            retireIfBroken(connection, e);
            throw e;
        } finally {
            finish(transaction.handle(), connection, committed);
        }
    }

    // Opens the transaction and claims the ids. On failure the connection is given back (or retired) before the
    // exception leaves, so the caller holds a connection only with a claim done.
    private Transaction begin(UUID[] claimIds, Step step) throws SQLException {
        Handle handle = open();
        Connection connection = handle.getConnection();
        boolean claimed = false;
        try {
            step.name = "begin";
            connection.setAutoCommit(false);
            step.name = "ledger claim";
            Transaction transaction = new Transaction(handle, connection, claims.claim(connection, claimIds));
            claimed = true;
            return transaction;
        } catch (SQLException e) {
            retireIfBroken(connection, e);
            throw e;
        } finally {
            if (!claimed) {
                finish(handle, connection, false);
            }
        }
    }

    private Future<Transaction> beginElsewhere(UUID[] claimIds, Step step) {
        try {
            return claimer.submit(() -> begin(claimIds, step));
        } catch (RejectedExecutionException e) {
            return null; // the sink is closing: claim on this thread, after encoding
        }
    }

    // Waits for the claim, through interrupts (a statement in flight cannot be abandoned halfway on a connection
    // this thread is about to use), and rethrows its failure as it was.
    private static Transaction join(Future<Transaction> begun) throws SQLException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return begun.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof SQLException sql) {
                        throw sql;
                    } else if (cause instanceof RuntimeException runtime) {
                        throw runtime;
                    } else if (cause instanceof Error error) {
                        throw error;
                    }
                    throw new IllegalStateException(cause);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    // A claim started for a batch that then wrote nothing: wait for it and roll it back; its failure no longer
    // matters (a connection it broke was retired by the claim itself).
    private static void abandon(Future<Transaction> begun) {
        if (begun == null) {
            return;
        }
        Transaction transaction;
        try {
            transaction = join(begun);
        } catch (SQLException | RuntimeException e) {
            return;
        }
        finish(transaction.handle(), transaction.connection(), false);
    }

    private void retireIfBroken(Connection connection, SQLException e) {
        if (SqlStates.retiresConnection(e)) {
            onRetiredConnection.run();
            retire(connection);
        }
    }

    // Ids claimed as new whose rows are not committed: rows the server refused, and messages whose every copy was
    // rejected in encoding (claimed before their values were checked).
    private static UUID[] unwritten(Written written, List<Row> inserts, UUID[] claimIds,
            Map<Integer, Rejection> rejected) {
        List<UUID> ids = new ArrayList<>();
        for (Row row : inserts) {
            if (rejected.containsKey(row.index())) {
                ids.add(row.ledgerId());
            }
        }
        if (written.rows().size() < claimIds.length) {
            Set<UUID> rowIds = new HashSet<>();
            for (Row row : written.rows()) {
                rowIds.add(row.ledgerId());
            }
            for (UUID id : claimIds) {
                if (!rowIds.contains(id) && written.isNew(id)) {
                    ids.add(id);
                }
            }
        }
        return ids.toArray(UUID[]::new);
    }

    private Handle open() throws SQLException {
        try {
            Handle handle = jdbi.open();
            handle.getConfig(StatementExceptions.class).setMessageRendering(
                    StatementExceptions.MessageRendering.NONE);
            return handle;
        } catch (JdbiException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw e;
        }
    }

    private static void finish(Handle handle, Connection connection, boolean committed) {
        try {
            if (!connection.isClosed()) {
                if (!committed) {
                    connection.rollback();
                }
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            closeQuietly(connection);
        }
        try {
            handle.close();
        } catch (JdbiException e) {
            // the connection is gone already; nothing is left to release
        }
    }

    // Connection.abort closes the physical connection even behind a pool, so the pool drops it instead of lending it
    // out again.
    private static void retire(Connection connection) {
        try {
            connection.abort(Runnable::run);
        } catch (SQLException | RuntimeException e) {
            closeQuietly(connection);
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            // already unusable
        }
    }
}
