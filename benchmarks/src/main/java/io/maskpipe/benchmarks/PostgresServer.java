package io.maskpipe.benchmarks;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The PostgreSQL of the end-to-end harness: the server at {@code MASKPIPE_TEST_PG_URL} when that is set, else a zonky
 * embedded server, which runs the PostgreSQL binaries as processes of their own (never inside this JVM). As root
 * this JVM must run through {@code tools/outside-root/bin/java}: PostgreSQL refuses to run as root.
 */
final class PostgresServer implements AutoCloseable {
    static final String URL_VARIABLE = "MASKPIPE_TEST_PG_URL";

    private final EmbeddedPostgres embedded;
    private final String url;
    private final String version;
    private final long postmasterPid;

    private PostgresServer(EmbeddedPostgres embedded, String url) throws SQLException {
        this.embedded = embedded;
        this.url = url;
        try (Connection connection = DriverManager.getConnection(url);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT current_setting('server_version'), pg_backend_pid()")) {
            rows.next();
            this.version = rows.getString(1);
            // The backend's parent is the postmaster; asked while this connection (and so the backend) lives, and
            // only for a server on this machine, whose process ids are this machine's.
            this.postmasterPid = embedded == null && !isLocal(url) ? -1 : ProcessHandle.of(rows.getInt(2))
                    .flatMap(ProcessHandle::parent).map(ProcessHandle::pid).orElse(-1L);
        }
    }

    private static boolean isLocal(String url) {
        return url.startsWith("jdbc:postgresql://localhost") || url.startsWith("jdbc:postgresql://127.0.0.1");
    }

    static PostgresServer startOrConnect() throws IOException, SQLException {
        String external = System.getenv(URL_VARIABLE);
        if (external != null && !external.isBlank()) {
            return new PostgresServer(null, external);
        }
        EmbeddedPostgres server = EmbeddedPostgres.builder().setServerConfig("max_connections", "50").start();
        return new PostgresServer(server, server.getJdbcUrl("postgres", "postgres"));
    }

    /** The postmaster's process id on this machine, or -1 for an external server or when not seen. */
    long postmasterPid() {
        return postmasterPid;
    }

    String url() {
        return url;
    }

    /** Where it is and its version, without the URL's credentials. */
    String describe() {
        return "PostgreSQL " + version + (embedded != null ? " (zonky embedded, own process, default settings, port "
                + embedded.getPort() + ")" : " (" + URL_VARIABLE + ")");
    }

    /** Runs statements on a fresh connection, in autocommit. */
    void execute(String... statements) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url);
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (embedded != null) {
            embedded.close();
        }
    }
}
