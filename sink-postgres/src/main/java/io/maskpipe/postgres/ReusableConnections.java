package io.maskpipe.postgres;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import org.jdbi.v3.core.ConnectionFactory;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Connections for a sink built from a JDBC URL: opened on demand and kept for the next batch, since a new
 * connection costs more than a small batch. A broken connection is dropped, and {@link #evictIdle()} drops the idle
 * ones after a server restart. Server error details (which may quote a row) are kept out of driver messages.
 */
final class ReusableConnections implements ConnectionFactory, AutoCloseable {
    private static final int MAX_IDLE = 8;

    private final PGSimpleDataSource dataSource = new PGSimpleDataSource();
    private final Deque<Connection> idle = new ConcurrentLinkedDeque<>();
    private volatile boolean closed;

    ReusableConnections(String url, String user, String password) {
        dataSource.setURL(url);
        if (user != null) {
            dataSource.setUser(user);
            dataSource.setPassword(password);
        }
        dataSource.setLogServerErrorDetail(false);
        dataSource.setApplicationName("maskpipe");
        dataSource.setTcpKeepAlive(true);
    }

    @Override
    public Connection openConnection() throws SQLException {
        Connection connection;
        while ((connection = idle.pollFirst()) != null) {
            if (!connection.isClosed()) {
                return connection;
            }
        }
        return dataSource.getConnection();
    }

    @Override
    public void closeConnection(Connection connection) throws SQLException {
        if (closed || connection.isClosed() || idle.size() >= MAX_IDLE) {
            connection.close();
        } else {
            idle.offerFirst(connection);
        }
    }

    /** Closes the idle connections: after a broken one, the others are likely broken too. */
    void evictIdle() {
        Connection connection;
        while ((connection = idle.pollFirst()) != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                // already unusable; nothing more to release
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        evictIdle();
    }
}
