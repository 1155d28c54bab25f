package io.maskpipe.postgres;

import io.maskpipe.core.record.FieldPath;
import io.maskpipe.core.record.ReasonCode;
import io.maskpipe.core.record.Rejection;
import io.maskpipe.core.spi.ConnectorException.Kind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Inserts checked rows into the target: {@code COPY ... FROM STDIN} (text format) for batches of at least the COPY
 * threshold, one {@code INSERT ... SELECT FROM unnest(...)} for smaller ones, where COPY's extra round trips cost
 * more than they save (docs/performance.md has the figures). All values travel as data, never as SQL text.
 */
final class RowInserter {
    private final Target target;
    private final int copyThreshold;
    private final String copySql;
    private final String insertSql;
    // COPY data goes to the server in chunks of about this size; one chunk's buffer is reused within a batch.
    static final int COPY_CHUNK_BYTES = 32 * 1024;

    RowInserter(Target target, int copyThreshold) {
        this.target = target;
        this.copyThreshold = copyThreshold;
        StringJoiner names = new StringJoiner(", ", " (", ")");
        StringJoiner casts = new StringJoiner(", ");
        StringJoiner arrays = new StringJoiner(", ");
        StringJoiner aliases = new StringJoiner(", ");
        List<TargetColumn> columns = target.columns();
        for (int i = 0; i < columns.size(); i++) {
            names.add(Sql.quote(columns.get(i).name()));
            // Cast to the base type only: the assignment to the column then applies its length or precision and
            // refuses what does not fit, where an explicit varchar(n) cast would silently truncate.
            casts.add("u.c" + i + "::" + columns.get(i).type().kind().cast);
            arrays.add("?::text[]");
            aliases.add("c" + i);
        }
        this.copySql = "COPY " + target.quoted() + names + " FROM STDIN";
        this.insertSql = "INSERT INTO " + target.quoted() + names + " SELECT " + casts + " FROM unnest(" + arrays
                + ") AS u(" + aliases + ")";
    }

    /**
     * Inserts rows; when the server refuses one for its data (a constraint, a trigger, a value), rolls back to a
     * savepoint and halves the set until each refused row is found, recording its rejection by batch index.
     */
    void insertIsolating(Connection connection, List<BatchWriter.Row> rows, Map<Integer, Rejection> rejected)
            throws SQLException {
        Savepoint savepoint = connection.setSavepoint();
        try {
            insert(connection, rows);
        } catch (SQLException e) {
            if (SqlStates.kindOf(e) != Kind.DATA) {
                throw e;
            }
            connection.rollback(savepoint);
            if (rows.size() == 1) {
                rejected.put(rows.get(0).index(), rejection(e));
                return;
            }
            int half = rows.size() / 2;
            insertIsolating(connection, rows.subList(0, half), rejected);
            insertIsolating(connection, rows.subList(half, rows.size()), rejected);
        }
    }

    private void insert(Connection connection, List<BatchWriter.Row> rows) throws SQLException {
        if (rows.size() >= copyThreshold) {
            copy(connection, rows);
        } else {
            insertUnnest(connection, rows);
        }
    }

    private void insertUnnest(Connection connection, List<BatchWriter.Row> rows) throws SQLException {
        int width = target.columns().size();
        try (PreparedStatement statement = connection.prepareStatement(insertSql)) {
            for (int c = 0; c < width; c++) {
                String[] column = new String[rows.size()];
                for (int r = 0; r < column.length; r++) {
                    column[r] = rows.get(r).values()[c];
                }
                statement.setArray(c + 1, connection.createArrayOf("text", column));
            }
            statement.executeUpdate();
        }
    }

    private void copy(Connection connection, List<BatchWriter.Row> rows) throws SQLException {
        // The driver's own copyIn(sql, stream) does the same around a 64 KiB buffer of its own: a COPY left open by
        // a failure is cancelled, so the connection is usable (or closed) afterwards. The rows go out in chunks as
        // they are encoded, so the server parses and inserts one chunk while the next is encoded.
        CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql);
        try {
            CopyText data = new CopyText(COPY_CHUNK_BYTES + COPY_CHUNK_BYTES / 4);
            for (BatchWriter.Row row : rows) {
                String[] values = row.values();
                for (int c = 0; c < values.length; c++) {
                    if (c > 0) {
                        data.tab();
                    }
                    data.value(values[c]);
                }
                data.newline();
                if (data.size() >= COPY_CHUNK_BYTES) {
                    copy.writeToCopy(data.bytes(), 0, data.size());
                    data.clear();
                }
            }
            if (data.size() > 0) {
                copy.writeToCopy(data.bytes(), 0, data.size());
            }
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    private Rejection rejection(SQLException e) {
        String state = Sql.sqlState(e);
        ReasonCode reason = state.equals("22001") ? ReasonCode.VALUE_TOO_LONG
                : state.startsWith("22") ? ReasonCode.INVALID_VALUE : ReasonCode.SINK_REJECTED;
        String rule = "refused by " + target.quoted() + ": " + Sql.describe(e);
        String column = Sql.columnOrNull(e);
        for (TargetColumn candidate : target.columns()) {
            FieldPath field = candidate.mapping().fieldOrNull();
            if (candidate.name().equals(column) && field != null) {
                return Rejection.of(reason, field, rule);
            }
        }
        return Rejection.of(reason, rule);
    }
}
