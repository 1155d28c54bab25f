package io.maskpipe.postgres;

import io.maskpipe.core.spi.ConnectorException.Kind;
import java.sql.SQLException;
import java.util.Map;
import java.util.Set;

/**
 * The one place that classifies a PostgreSQL error by its SQLSTATE into the three kinds of failure the engine acts
 * on ({@link Kind}), names its condition, and says what to fix for a setup error. docs/postgres.md has the table;
 * keep the two in step.
 *
 * <p>Only the row's own data may cause a dead letter, so {@link Kind#DATA} is a short, explicit list. The setup list
 * is explicit too. Everything else, including a code this class has never heard of, is {@link Kind#TRANSIENT}: the
 * pipeline pauses and retries rather than dead-lettering good messages.
 */
final class SqlStates {
    // Exact codes first, then classes (the first two characters).
    private static final Set<String> DATA_STATES = Set.of("54000");
    private static final Set<String> DATA_CLASSES = Set.of("22", "23", "44", "P0");
    private static final Set<String> SETUP_STATES = Set.of();
    private static final Set<String> SETUP_CLASSES = Set.of("0A", "28", "3D", "3F", "42", "54");

    private static final Map<String, String> CONDITIONS = Map.ofEntries(
            Map.entry("08000", "connection exception"), Map.entry("08001", "cannot connect"),
            Map.entry("08003", "connection does not exist"), Map.entry("08004", "connection rejected"),
            Map.entry("08006", "connection failure"), Map.entry("08P01", "protocol violation"),
            Map.entry("0A000", "feature not supported"),
            Map.entry("22001", "value too long"), Map.entry("22003", "numeric value out of range"),
            Map.entry("22P02", "invalid text representation"),
            Map.entry("23502", "not-null violation"), Map.entry("23503", "foreign key violation"),
            Map.entry("23505", "unique violation"), Map.entry("23514", "check violation"),
            Map.entry("23P01", "exclusion violation"),
            Map.entry("25006", "read-only transaction"), Map.entry("25P03", "idle-in-transaction timeout"),
            Map.entry("28000", "invalid authorization"), Map.entry("28P01", "invalid password"),
            Map.entry("3D000", "database does not exist"), Map.entry("3F000", "schema does not exist"),
            Map.entry("40001", "serialization failure"), Map.entry("40P01", "deadlock detected"),
            Map.entry("42501", "insufficient privilege"), Map.entry("42P01", "undefined table"),
            Map.entry("42703", "undefined column"), Map.entry("42804", "datatype mismatch"),
            Map.entry("42P07", "duplicate table"), Map.entry("42710", "duplicate object"),
            Map.entry("44000", "with check option violation"),
            Map.entry("53100", "disk full"), Map.entry("53200", "out of memory"),
            Map.entry("53300", "too many connections"), Map.entry("54000", "program limit exceeded"),
            Map.entry("55006", "object in use"), Map.entry("55P03", "lock not available"),
            Map.entry("57014", "query canceled"), Map.entry("57P01", "admin shutdown"),
            Map.entry("57P02", "crash shutdown"), Map.entry("57P03", "cannot connect now"),
            Map.entry("57P04", "database dropped"), Map.entry("57P05", "idle session timeout"),
            Map.entry("58000", "system error"), Map.entry("58030", "I/O error"),
            Map.entry("P0001", "raised by a trigger or function"), Map.entry("P0004", "assert failure"),
            Map.entry("XX000", "internal error"));

    private static final Map<String, String> FIXES = Map.ofEntries(
            Map.entry("0A", "the table or a mapped column uses something the sink cannot write"),
            Map.entry("28", "check the user and password the sink connects with"),
            Map.entry("3D", "check the database named in the connection"),
            Map.entry("3F", "check the schema; create it, or name another with schema(...)"),
            Map.entry("42501", "grant the sink's user SELECT and INSERT on the table and SELECT, INSERT and DELETE"
                    + " on the ledger"),
            Map.entry("42P01", "the table or the ledger is missing (dropped or renamed?); restore it"),
            Map.entry("42703", "a mapped column is missing (dropped or renamed?); restore it or change the mapping"),
            Map.entry("42", "the table no longer matches the mapping; fix the table or the mapping"),
            Map.entry("54", "the mapping is too large for the server's limits"));

    /** A unique index refused a row: 23505. */
    static final String UNIQUE_VIOLATION = "23505";

    private SqlStates() {
    }

    /** Returns the SQLSTATE of an error, or an empty string when the driver gave none. */
    static String of(SQLException e) {
        String state = e.getSQLState();
        return state == null ? "" : state;
    }

    /** Returns the kind of failure an error is: the row's data, the setup, or (anything else) transient. */
    static Kind kindOf(SQLException e) {
        return kindOf(of(e));
    }

    static Kind kindOf(String state) {
        String type = state.length() >= 2 ? state.substring(0, 2) : state;
        if (DATA_STATES.contains(state)) {
            return Kind.DATA;
        }
        if (SETUP_STATES.contains(state)) {
            return Kind.SETUP;
        }
        if (DATA_CLASSES.contains(type)) {
            return Kind.DATA;
        }
        if (SETUP_CLASSES.contains(type)) {
            return Kind.SETUP;
        }
        return Kind.TRANSIENT;
    }

    /**
     * Returns whether the connection that raised this must not be used again: it is broken (class 08, a server
     * shutting down, a session timeout), or it points at a node that became read-only (25006), as pooled connections
     * do after a failover.
     */
    static boolean retiresConnection(SQLException e) {
        String state = of(e);
        return state.startsWith("08") || state.startsWith("57P") || state.equals("25006") || state.equals("25P03");
    }

    /**
     * Returns whether a {@code CREATE ... IF NOT EXISTS} failed only because another session created the same object
     * at the same moment, which IF NOT EXISTS does not cover: a unique violation in the catalog (23505), a duplicate
     * table (42P07) or a duplicate object such as its key's index (42710).
     */
    static boolean isConcurrentCreate(SQLException e) {
        String state = of(e);
        return state.equals("23505") || state.equals("42P07") || state.equals("42710");
    }

    /** Returns the condition's name, as PostgreSQL's errcodes table spells it in words, or {@code null}. */
    static String conditionOrNull(String state) {
        return CONDITIONS.get(state);
    }

    /** Returns what to fix for a setup error, or {@code null} for other kinds. */
    static String fixOrNull(String state) {
        if (kindOf(state) != Kind.SETUP) {
            return null;
        }
        String fix = FIXES.get(state);
        return fix != null ? fix : FIXES.get(state.substring(0, 2));
    }
}
