package io.maskpipe.postgres;

import io.maskpipe.testpostgres.TestPostgres;
import io.maskpipe.testpostgres.TextRows;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.postgresql.Driver;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The PostgreSQL the tests talk to: {@link TestPostgres}'s shared server, the one named by
 * {@code MASKPIPE_TEST_PG_URL} (a JDBC URL with user and password in it) when set, else one embedded server per test
 * JVM. Each test class gets a schema of its own, created before its tests and dropped after them, so runs against a
 * shared server do not collide. A test class registers one in a static field:
 * {@code @RegisterExtension static final TestDatabase database = new TestDatabase();}.
 */
final class TestDatabase implements BeforeAllCallback, AfterAllCallback {
    /** The embedded server's {@code max_connections}, for the shared server and the restart tests' own. */
    static final int MAX_CONNECTIONS = 50;

    private String url;
    private String schema;

    @Override
    public void beforeAll(ExtensionContext context) {
        url = TestPostgres.sharedUrl(MAX_CONNECTIONS);
        schema = "t_" + context.getRequiredTestClass().getSimpleName().toLowerCase(Locale.ROOT) + "_"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0xFFFF));
        execute("CREATE SCHEMA " + Sql.quote(schema));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        execute("DROP SCHEMA " + Sql.quote(schema) + " CASCADE");
    }

    String schema() {
        return schema;
    }

    /** Returns the JDBC URL of this class's schema (it is first on the search path). */
    String url() {
        return url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    }

    /**
     * Returns the URL of this class's schema without the user and password in it, for
     * {@code url(url, user, password)}.
     */
    String urlWithoutCredentials() {
        return url().replaceAll("(?<=[?&])(user|password)=[^&]*(&|$)", "");
    }

    /** Returns the user named in the server's URL. */
    String user() {
        return parameter("user", "postgres");
    }

    /** Returns the password in the server's URL, or an empty one (the embedded server trusts local users). */
    String password() {
        return parameter("password", "");
    }

    private String parameter(String name, String absent) {
        try {
            String value = Driver.parseURL(url, new Properties()).getProperty(name);
            return value == null ? absent : value;
        } catch (RuntimeException e) {
            throw new IllegalStateException("test setup: unreadable " + TestPostgres.URL_VARIABLE, e);
        }
    }

    DataSource dataSource() {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(url());
        return dataSource;
    }

    void execute(String sql) {
        try (Connection connection = dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("test setup failed: SQLSTATE " + e.getSQLState(), e);
        }
    }

    /** Runs a query and returns its rows, each column as text ({@code null} for SQL NULL). */
    List<List<String>> query(String sql) {
        try (Connection connection = dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet resultSet = statement.executeQuery(sql)) {
            return TextRows.read(resultSet);
        } catch (SQLException e) {
            throw new IllegalStateException("test query failed: SQLSTATE " + e.getSQLState(), e);
        }
    }

    /** Runs a query with text parameters bound in order and returns its rows, each column as text. */
    List<List<String>> query(String sql, String... parameters) {
        try (Connection connection = dataSource().getConnection();
             var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (ResultSet resultSet = statement.executeQuery()) {
                return TextRows.read(resultSet);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("test query failed: SQLSTATE " + e.getSQLState(), e);
        }
    }

    long count(String table) {
        return Long.parseLong(query("SELECT count(*) FROM " + table).get(0).get(0));
    }

    /** Returns the server process id of a connection's session. */
    static int backendPid(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet pid = statement.executeQuery("SELECT pg_backend_pid()")) {
            pid.next();
            return pid.getInt(1);
        }
    }

    /**
     * Waits until a sink's session (application name {@code maskpipe}) waits for a lock the given session holds,
     * while the sink's call is running; fails if the call ended without waiting.
     */
    void awaitSinkBlockedBy(int holderPid, Future<?> call) throws InterruptedException {
        String blocked = "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'maskpipe' AND "
                + holderPid + " = ANY(pg_blocking_pids(pid))";
        while (!call.isDone() && query(blocked).equals(List.of(List.of("0")))) {
            Thread.sleep(10);
        }
        if (call.isDone()) {
            throw new AssertionError("the sink's call ended instead of waiting for the other session");
        }
    }
}
