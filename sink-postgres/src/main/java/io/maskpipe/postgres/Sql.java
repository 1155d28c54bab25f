package io.maskpipe.postgres;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Objects;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Identifier quoting and error descriptions: the one place that decides what SQL text the sink builds and what of a
 * driver error may appear in a message ({@link SqlStates} classifies errors).
 */
final class Sql {
    /** PostgreSQL's NAMEDATALEN - 1: a longer identifier would be truncated silently by the server. */
    static final int MAX_IDENTIFIER_BYTES = 63;

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
        return SqlStates.of(e);
    }

    /**
     * Describes an error by SQLSTATE, condition, constraint, table and column, never by the server's message,
     * which may quote a value: {@code SQLSTATE 23514 (check violation), constraint "locale_short"}.
     */
    static String describe(SQLException e) {
        String state = sqlState(e);
        StringBuilder out = new StringBuilder("SQLSTATE ").append(state.isEmpty() ? "unknown" : state);
        String condition = SqlStates.conditionOrNull(state);
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
