package io.maskpipe.postgres;

import io.maskpipe.core.record.Metadata;
import io.maskpipe.core.record.ReasonCode;
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
 * <p>Maintainer notes. (1) The ledger claim is a plain insert of the batch's ids; only when one is there already (a
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
 * failover, pooled connections may still point at the demoted primary.
 */
final class BatchWriter {
    private static final Logger LOG = LoggerFactory.getLogger(PostgresSink.class);
    private static final String NO_ID = "metadata '" + Metadata.MESSAGE_ID
            + "' is absent; the sink needs it to write idempotently";

    private final Jdbi jdbi;
    private final Target target;
    private final Ledger ledger;
    private final RowInserter inserter;
    private final Runnable onRetiredConnection;

    /** A record ready to insert: its position in the batch, its message id's ledger UUID and its column texts. */
    record Row(int index, UUID ledgerId, String[] values) {
    }

    /** A later copy of a message in the same batch: its position and the position of the copy that is written. */
    private record Copy(int index, int firstIndex) {
    }

    BatchWriter(Jdbi jdbi, Target target, Ledger ledger, int copyThreshold, Runnable onRetiredConnection) {
        this.jdbi = jdbi;
        this.target = target;
        this.ledger = ledger;
        this.inserter = new RowInserter(target, copyThreshold);
        this.onRetiredConnection = onRetiredConnection;
    }

    List<WriteResult> write(List<Record> records) {
        WriteResult[] results = new WriteResult[records.size()];
        List<Copy> copies = new ArrayList<>();
        List<Row> rows = prepare(records, results, copies);
        if (!rows.isEmpty()) {
            writeRows(rows, results);
        }
        for (Copy copy : copies) {
            WriteResult first = results[copy.firstIndex()];
            results[copy.index()] = first.status() == WriteResult.Status.REJECTED ? first : WriteResult.duplicate();
        }
        return Arrays.asList(results);
    }

    // Encodes every record; rejections are settled here, before any round trip, and later copies set aside.
    private List<Row> prepare(List<Record> records, WriteResult[] results, List<Copy> copies) {
        List<Row> rows = new ArrayList<>(records.size());
        Map<String, Integer> firstIndex = new HashMap<>(records.size() * 4 / 3 + 1); // never resized
        List<TargetColumn> columns = target.columns();
        records:
        for (int i = 0; i < records.size(); i++) {
            Record record = records.get(i);
            String id = record.metadata().messageId().orElse(null);
            String flaw = id == null ? null : flawOrNull(id);
            if (id == null || flaw != null) {
                results[i] = WriteResult.rejected(id == null ? Rejection.of(ReasonCode.MISSING_FIELD, NO_ID)
                        : Rejection.of(ReasonCode.INVALID_VALUE, "metadata '" + Metadata.MESSAGE_ID + "' " + flaw));
                continue;
            }
            String[] values = new String[columns.size()];
            for (int c = 0; c < values.length; c++) {
                try {
                    values[c] = columns.get(c).encode(record);
                } catch (ColumnRejection e) {
                    results[i] = WriteResult.rejected(columns.get(c).reject(e));
                    continue records;
                }
            }
            Integer first = firstIndex.putIfAbsent(id, i);
            if (first == null) {
                rows.add(new Row(i, LedgerId.of(id), values));
            } else {
                copies.add(new Copy(i, first));
            }
        }
        return rows;
    }

    // An id the ledger cannot map one to one: a NUL (refused by PostgreSQL text too), or a lone surrogate, which
    // UTF-8 cannot encode, so two such ids could share an entry.
    private static String flawOrNull(String id) {
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c == '\0') {
                return "contains a NUL character";
            }
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < id.length() && Character.isLowSurrogate(id.charAt(i + 1))) {
                    i++;
                } else {
                    return "contains an unpaired surrogate";
                }
            }
        }
        return null;
    }

    private void writeRows(List<Row> rows, WriteResult[] results) {
        Map<Integer, Rejection> rejected = new HashMap<>();
        Step step = new Step();
        boolean[] fresh;
        try {
            fresh = writeOnce(rows, rejected, step);
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
        for (int r = 0; r < rows.size(); r++) {
            Row row = rows.get(r);
            Rejection rejection = rejected.get(row.index());
            results[row.index()] = rejection != null ? WriteResult.rejected(rejection)
                    : fresh[r] ? WriteResult.written() : WriteResult.duplicate();
        }
    }

    /** What the transaction was doing, for the message of a failure. */
    private static final class Step {
        private String name = "connect";
    }

    // One transaction: ledger claim, inserts (isolating rows the server refuses), ledger release of those, commit.
    private boolean[] writeOnce(List<Row> rows, Map<Integer, Rejection> rejected, Step step) throws SQLException {
        Handle handle = open();
        Connection connection = handle.getConnection();
        boolean committed = false;
        try {
            step.name = "begin";
            connection.setAutoCommit(false);
            step.name = "ledger claim";
            boolean[] fresh = claim(connection, rows);
            List<Row> inserts = new ArrayList<>(rows.size());
            for (int r = 0; r < fresh.length; r++) {
                if (fresh[r]) {
                    inserts.add(rows.get(r));
                }
            }
            step.name = "insert";
            if (!inserts.isEmpty()) {
                inserter.insertIsolating(connection, inserts, rejected);
            }
            step.name = "ledger release";
            if (!rejected.isEmpty()) {
                release(connection, inserts, rejected);
            }
            step.name = "commit";
            connection.commit();
            committed = true;
            return fresh;
        } catch (SQLException e) {
            if (SqlStates.retiresConnection(e)) {
                onRetiredConnection.run();
                retire(connection);
            }
            throw e;
        } finally {
            finish(handle, connection, committed);
        }
    }

    // Tells which rows' ids are new, claiming them. The common case, a batch of new ids, is one plain insert; a unique
    // violation (a redelivery, or another writer's commit of the same id) rolls the transaction back, nothing having
    // been written yet, and claims again with ON CONFLICT DO NOTHING RETURNING, which names the new ids. Ids go in
    // sorted, so two writers with overlapping batches lock in the same order.
    private boolean[] claim(Connection connection, List<Row> rows) throws SQLException {
        String ids = LedgerId.arrayText(sortedIds(rows));
        boolean[] fresh = new boolean[rows.size()];
        try (var statement = connection.prepareStatement(ledger.insertSql())) {
            statement.setString(1, target.quoted());
            statement.setString(2, ids);
            statement.executeUpdate();
            Arrays.fill(fresh, true);
            return fresh;
        } catch (SQLException e) {
            if (!SqlStates.of(e).equals(SqlStates.UNIQUE_VIOLATION)) {
                throw e;
            }
            connection.rollback();
        }
        Set<UUID> claimed = new HashSet<>();
        try (var statement = connection.prepareStatement(ledger.claimSql())) {
            statement.setString(1, target.quoted());
            statement.setString(2, ids);
            try (var resultSet = statement.executeQuery()) {
                while (resultSet.next()) {
                    claimed.add(resultSet.getObject(1, UUID.class));
                }
            }
        }
        for (int r = 0; r < fresh.length; r++) {
            fresh[r] = claimed.contains(rows.get(r).ledgerId());
        }
        return fresh;
    }

    // Sorted as PostgreSQL orders uuid (bytewise, unsigned), which is also the ledger index's order.
    private static UUID[] sortedIds(List<Row> rows) {
        UUID[] ids = new UUID[rows.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = rows.get(i).ledgerId();
        }
        Arrays.sort(ids, (a, b) -> {
            int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
            return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
        });
        return ids;
    }

    private void release(Connection connection, List<Row> inserts, Map<Integer, Rejection> rejected)
            throws SQLException {
        List<UUID> ids = new ArrayList<>();
        for (Row row : inserts) {
            if (rejected.containsKey(row.index())) {
                ids.add(row.ledgerId());
            }
        }
        try (var statement = connection.prepareStatement(ledger.deleteSql())) {
            statement.setString(1, target.quoted());
            statement.setString(2, LedgerId.arrayText(ids.toArray(UUID[]::new)));
            statement.executeUpdate();
        }
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
