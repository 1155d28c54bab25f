package io.maskpipe.testpostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestPostgresTest {
    /** What every test of this JVM asks of the shared server. */
    static final int MAX_CONNECTIONS = 40;

    @Test
    void sharedUrl_calledTwice_namesOneServerThatAnswers() throws SQLException {
        String url = TestPostgres.sharedUrl(MAX_CONNECTIONS);

        assertThat(TestPostgres.sharedUrl(MAX_CONNECTIONS)).isEqualTo(url);
        assertThat(query(url, "SELECT 1")).containsExactly(List.of("1"));
    }

    @Test
    void sharedUrl_embedded_runsWithTheAskedMaxConnections() throws SQLException {
        assumeFalse(TestPostgres.isExternal(), "an external server keeps its own settings");

        assertThat(query(TestPostgres.sharedUrl(MAX_CONNECTIONS), "SHOW max_connections"))
                .containsExactly(List.of(Integer.toString(MAX_CONNECTIONS)));
    }

    @Test
    void sharedUrl_embeddedAskedAnotherMaxConnections_isRefused() {
        assumeFalse(TestPostgres.isExternal(), "an external server keeps its own settings");
        TestPostgres.sharedUrl(MAX_CONNECTIONS);

        assertThatThrownBy(() -> TestPostgres.sharedUrl(MAX_CONNECTIONS + 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("the shared embedded server runs with max_connections 40, not 41");
    }

    @Test
    void startEmbedded_onTheDirectoryOfAClosedServer_restartsItWithItsData(@TempDir Path dataDirectory)
            throws SQLException {
        int port = freePort();
        EmbeddedPostgres first = TestPostgres.startEmbedded(dataDirectory, port, 20);
        try {
            execute(first, "CREATE TABLE kept(n int); INSERT INTO kept VALUES (7)");
        } finally {
            TestPostgres.closeQuietly(first);
        }
        TestPostgres.closeQuietly(first); // closing twice is quiet too

        EmbeddedPostgres again = TestPostgres.startEmbedded(dataDirectory, port, 20);
        try {
            assertThat(again.getPort()).isEqualTo(port);
            String url = again.getJdbcUrl("postgres", "postgres");
            assertThat(query(url, "SELECT n FROM kept")).containsExactly(List.of("7"));
            assertThat(query(url, "SHOW max_connections")).containsExactly(List.of("20"));
        } finally {
            TestPostgres.closeQuietly(again);
        }
    }

    static List<List<String>> query(String url, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url);
             Statement statement = connection.createStatement();
             var resultSet = statement.executeQuery(sql)) {
            return TextRows.read(resultSet);
        }
    }

    private static void execute(EmbeddedPostgres server, String sql) throws SQLException {
        try (Connection connection = server.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
