package io.maskpipe.testpostgres;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The PostgreSQL server of the tests: the one {@code MASKPIPE_TEST_PG_URL} names (a JDBC URL with user and password in
 * it) when that is set, else one embedded zonky server per test JVM, started on a free port by the first caller and
 * closed by a shutdown hook. Tests that stop and start a server of their own (a restart on the same data and port)
 * use {@link #startEmbedded(Path, int, int)}; they must skip themselves when {@link #isExternal()}.
 *
 * <p>An embedded server refuses to run as root: as root the test JVM runs through
 * {@code tools/outside-root/bin/java}, as Surefire's {@code <jvm>}.
 */
public final class TestPostgres {
    /** The environment variable naming an external server: a JDBC URL with user and password in it. */
    public static final String URL_VARIABLE = "MASKPIPE_TEST_PG_URL";

    private static String sharedUrl;
    private static int sharedMaxConnections;

    private TestPostgres() {
    }

    /**
     * Returns whether the tests use a server they did not start, and so must not restart or reconfigure.
     *
     * @return true when {@code MASKPIPE_TEST_PG_URL} is set and not blank
     */
    public static boolean isExternal() {
        String external = System.getenv(URL_VARIABLE);
        return external != null && !external.isBlank();
    }

    /**
     * Returns the JDBC URL (user and password in it) of the server the test JVM shares: the external one, else an
     * embedded server started by the first call, on a free port, with its maintenance database {@code postgres}.
     *
     * @param maxConnections the embedded server's {@code max_connections}; every caller in one JVM must ask the same
     *                       (an external server keeps its own setting)
     * @return the server's URL, the same for every call in this JVM
     * @throws IllegalStateException if an embedded server already runs with another {@code max_connections}
     * @throws UncheckedIOException if the embedded server does not start
     */
    public static synchronized String sharedUrl(int maxConnections) {
        if (sharedUrl == null) {
            if (isExternal()) {
                sharedUrl = System.getenv(URL_VARIABLE);
            } else {
                EmbeddedPostgres server = start(EmbeddedPostgres.builder(), maxConnections);
                sharedUrl = server.getJdbcUrl("postgres", "postgres");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(server)));
            }
            sharedMaxConnections = maxConnections;
        } else if (maxConnections != sharedMaxConnections && !isExternal()) {
            throw new IllegalStateException("the shared embedded server runs with max_connections "
                    + sharedMaxConnections + ", not " + maxConnections);
        }
        return sharedUrl;
    }

    /**
     * Starts an embedded server of the caller's own on a data directory and port: a fresh one on an empty directory,
     * or the same server again (its data kept) on the directory of one that was closed.
     *
     * @param dataDirectory where the server keeps its data; never cleaned
     * @param port the port it listens on (a free one, the same for each restart)
     * @param maxConnections the server's {@code max_connections}
     * @return the running server, which the caller closes ({@link #closeQuietly(EmbeddedPostgres)})
     * @throws UncheckedIOException if the server does not start
     */
    public static EmbeddedPostgres startEmbedded(Path dataDirectory, int port, int maxConnections) {
        return start(EmbeddedPostgres.builder().setDataDirectory(dataDirectory).setCleanDataDirectory(false)
                .setPort(port), maxConnections);
    }

    /**
     * Closes an embedded server, ignoring a failure: the server is gone already, or the JVM is ending.
     *
     * @param server the server to close
     */
    public static void closeQuietly(EmbeddedPostgres server) {
        try {
            server.close();
        } catch (IOException e) {
            // the server is gone already, or the JVM is ending and its directory is temporary
        }
    }

    private static EmbeddedPostgres start(EmbeddedPostgres.Builder builder, int maxConnections) {
        try {
            return builder.setServerConfig("max_connections", Integer.toString(maxConnections)).start();
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start", e);
        }
    }
}
