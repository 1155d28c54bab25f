package io.maskpipe.postgres;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Map;
import java.util.Objects;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Identifier quoting and SQLSTATE handling: the one place that decides what SQL text the sink builds and what of a
 * driver error may appear in a message.
 */
final class Sql {
    /** PostgreSQL's NAMEDATALEN - 1: a longer identifier would be truncated silently by the server. */
    static final int MAX_IDENTIFIER_BYTES = 63;

    private static final Map<String, String> CONDITIONS = Map.ofEntries(
            Map.entry("08000", "connection exception"), Map.entry("08001", "cannot connect"),
            Map.entry("08003", "connection does not exist"), Map.entry("08004", "connection rejected"),
            Map.entry("08006", "connection failure"), Map.entry("57P01", "admin shutdown"),
            Map.entry("57P02", "crash shutdown"), Map.entry("57P03", "cannot connect now"),
            Map.entry("40001", "serialization failure"), Map.entry("40P01", "deadlock detected"),
            Map.entry("53100", "disk full"), Map.entry("53200", "out of memory"),
            Map.entry("53300", "too many connections"), Map.entry("28P01", "invalid password"),
            Map.entry("28000", "invalid authorization"), Map.entry("42501", "insufficient privilege"),
            Map.entry("3D000", "database does not exist"), Map.entry("22001", "value too long"),
            Map.entry("23502", "not-null violation"), Map.entry("23503", "foreign key violation"),
            Map.entry("23505", "unique violation"), Map.entry("23514", "check violation"),
            Map.entry("23P01", "exclusion violation"), Map.entry("P0001", "raised by a trigger or function"));

    private Sql() {
    }

    /**
     * Checks an identifier from configuration and returns it.
     *
     * @throws IllegalArgumentException naming the setting when it is empty, too long or holds a NUL
     */
    static String checkIdentifier(String setting, String identifier) {
        Objects.requireNonNull(identifier, setting);
        if (identifier.isEmpty()) {
            throw new IllegalArgumentException(setting + ": must not be empty");
        }
        if (identifier.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(setting + ": must not contain a NUL character");
        }
        if (identifier.getBytes(StandardCharsets.UTF_8).length > MAX_IDENTIFIER_BYTES) {
            throw new IllegalArgumentException(setting + ": longer than " + MAX_IDENTIFIER_BYTES
                    + " bytes, which PostgreSQL would truncate");
        }
        return identifier;
    }

    /** Quotes an identifier as SQL requires: in double quotes, an inner double quote doubled. */
    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** Quotes a schema-qualified name. */
    static String quote(String schema, String name) {
        return quote(schema) + "." + quote(name);
    }

    static String sqlState(SQLException e) {
        String state = e.getSQLState();
        return state == null ? "" : state;
    }

    /**
     * Returns whether the same work may succeed if tried again: a lost or refused connection, a server shutting
     * down, a serialization failure, a deadlock, or exhausted resources.
     */
    static boolean isTransient(SQLException e) {
        String state = sqlState(e);
        return state.startsWith("08") || state.startsWith("53") || state.equals("57P01") || state.equals("57P02")
                || state.equals("57P03") || state.equals("40001") || state.equals("40P01");
    }

    /** Returns whether the connection that raised this can no longer be used. */
    static boolean breaksConnection(SQLException e) {
        String state = sqlState(e);
        return state.startsWith("08") || state.startsWith("57P");
    }

    /** Returns whether the error concerns the data of a row: a data exception, a constraint, a trigger. */
    static boolean isRowLevel(SQLException e) {
        String state = sqlState(e);
        return state.startsWith("22") || state.startsWith("23") || state.startsWith("P0") || state.startsWith("44");
    }

    /**
     * Describes an error by SQLSTATE, condition, constraint, table and column, never by the server's message,
     * which may quote a value: {@code SQLSTATE 23514 (check violation), constraint "locale_short"}.
     */
    static String describe(SQLException e) {
        String state = sqlState(e);
        StringBuilder out = new StringBuilder("SQLSTATE ").append(state.isEmpty() ? "unknown" : state);
        String condition = CONDITIONS.get(state);
        if (condition != null) {
            out.append(" (").append(condition).append(')');
        }
        ServerErrorMessage server = e instanceof PSQLException p ? p.getServerErrorMessage() : null;
        if (server != null) {
            if (server.getConstraint() != null) {
                out.append(", constraint ").append(quote(server.getConstraint()));
            }
            if (server.getColumn() != null) {
                out.append(", column ").append(quote(server.getColumn()));
            }
        }
        return out.toString();
    }

    /** Returns the column an error names, or {@code null}. */
    static String columnOrNull(SQLException e) {
        ServerErrorMessage server = e instanceof PSQLException p ? p.getServerErrorMessage() : null;
        return server == null ? null : server.getColumn();
    }

    /**
     * Returns a copy of a driver error that keeps its SQLSTATE, class and stack but not its text, which may hold a
     * bound value or a row's content, so it is safe as the cause of a maskpipe exception.
     */
    static SQLException scrub(SQLException e) {
        SQLException copy = new SQLException(e.getClass().getSimpleName() + ": " + describe(e), e.getSQLState());
        copy.setStackTrace(e.getStackTrace());
        return copy;
    }
}
