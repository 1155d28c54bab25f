package io.maskpipe.examples;

import io.maskpipe.postgres.Columns;
import io.maskpipe.postgres.PostgresSink;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The PostgreSQL the example writes to: an embedded server (zonky) started for the run, or the one a JDBC URL names.
 * It creates the target table with the exact {@code user_logins} DDL when missing, builds the sink, and runs the
 * analysts' queries afterwards.
 */
final class LoginsDatabase implements AutoCloseable {
    /** The table exactly as users receive it; {@code %s} is the table's name, checked by {@link ExampleOptions}. */
    static final String DDL = """
            CREATE TABLE IF NOT EXISTS %s(
                user_id             varchar(128),
                device_type         varchar(32),
                masked_ip           varchar(256),
                masked_device_id    varchar(256),
                locale              varchar(32),
                app_version         integer,
                create_date         date
            );""";

    private final EmbeddedPostgres server;
    private final String url;

    private LoginsDatabase(EmbeddedPostgres server, String url) {
        this.server = server;
        this.url = url;
    }

    /** Starts an embedded PostgreSQL on a free port (it refuses to run as root: see tools/outside-root/bin/java). */
    static LoginsDatabase embedded() {
        try {
            EmbeddedPostgres server = EmbeddedPostgres.builder().start();
            return new LoginsDatabase(server, server.getJdbcUrl("postgres", "postgres"));
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
    }

    static LoginsDatabase at(String jdbcUrl) {
        return new LoginsDatabase(null, jdbcUrl);
    }

    /** Returns where it is, without the user, password or other URL parameters. */
    String describe() {
        String bare = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
        return (server != null ? "embedded PostgreSQL, " : "") + bare;
    }

    String url() {
        return url;
    }

    void createTable(String table) {
        execute(String.format(DDL, table));
    }

    /** The sink: masked fields into the masked columns, the version as an order-preserving integer, the sent day. */
    PostgresSink sink(String table) {
        return PostgresSink.into(table)
                .url(url)
                .column("user_id", "user_id")
                .column("device_type", "device_type")
                .column("masked_ip", "ip")
                .column("masked_device_id", "device_id")
                .column("locale", "locale")
                .column("app_version", Columns.versionNumber("app_version"))
                .column("create_date", Columns.sentDate())
                .build();
    }

    /** Runs a query with bound parameters and returns its rows, each column as text ({@code null} for SQL NULL). */
    List<List<String>> query(String sql, Object... parameters) {
        try (Connection connection = DriverManager.getConnection(url);
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                List<List<String>> result = new ArrayList<>();
                int width = rows.getMetaData().getColumnCount();
                while (rows.next()) {
                    List<String> row = new ArrayList<>(width);
                    for (int c = 1; c <= width; c++) {
                        row.add(rows.getString(c));
                    }
                    result.add(row);
                }
                return result;
            }
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    private void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(url);
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.execute();
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /**
     * The server's text can quote a value, so the message is ours: what went wrong in words, from the SQLSTATE and
     * the URL's host, port, database and user (never its password or other parameters), and the SQLSTATE itself.
     */
    private IllegalStateException failure(SQLException e) {
        return new IllegalStateException("PostgreSQL at " + describe() + ": "
                + DatabaseErrors.describe(e.getSQLState(), url) + " (SQLSTATE " + e.getSQLState() + ")");
    }

    @Override
    public void close() {
        if (server != null) {
            try {
                server.close();
            } catch (IOException e) {
                // the server's directory is temporary; nothing else to do
            }
        }
    }
}
