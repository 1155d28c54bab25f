package io.maskpipe.faults;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The servers of a fault test class: an ElasticMQ embedded in the test JVM (one per class, on a free loopback port),
 * and a PostgreSQL: the one {@code MASKPIPE_TEST_PG_URL} names (a JDBC URL with user and password), else one
 * embedded server per test JVM. Each test makes its own queues and database ({@link Scenario}). Register it with
 * {@code @RegisterExtension static final Servers servers = new Servers();}.
 */
final class Servers implements BeforeAllCallback, AfterAllCallback {
    static final String URL_VARIABLE = "MASKPIPE_TEST_PG_URL";
    private static String sharedPostgresUrl;

    private SQSRestServer sqsServer;
    private URI sqsEndpoint;
    private SqsClient sqs;

    @Override
    public void beforeAll(ExtensionContext context) {
        sqsServer = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
        sqsEndpoint = URI.create("http://127.0.0.1:" + sqsServer.waitUntilStarted().localAddress().getPort());
        sqs = newSqsClient(sqsEndpoint);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        sqs.close();
        sqsServer.stopAndWait();
    }

    /** Returns a client of an ElasticMQ endpoint, with dummy credentials, that the caller closes. */
    static SqsClient newSqsClient(URI endpoint) {
        return SqsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    SqsClient sqs() {
        return sqs;
    }

    URI sqsEndpoint() {
        return sqsEndpoint;
    }

    /** Returns whether the tests use a server they did not start (and so must not restart or reconfigure). */
    static boolean isExternalPostgres() {
        String external = System.getenv(URL_VARIABLE);
        return external != null && !external.isBlank();
    }

    /** Returns the JDBC URL (user and password in it) of the PostgreSQL server's maintenance database. */
    static synchronized String postgresUrl() {
        if (sharedPostgresUrl == null) {
            if (isExternalPostgres()) {
                sharedPostgresUrl = System.getenv(URL_VARIABLE);
            } else {
                EmbeddedPostgres server = startEmbedded(null, 0);
                sharedPostgresUrl = server.getJdbcUrl("postgres", "postgres");
                Runtime.getRuntime().addShutdownHook(new Thread(() -> closeQuietly(server)));
            }
        }
        return sharedPostgresUrl;
    }

    /** Starts an embedded server: on a free port, or on the given directory and port (to restart it there). */
    static EmbeddedPostgres startEmbedded(Path dataDirectory, int port) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setServerConfig("max_connections", "80");
            if (dataDirectory != null) {
                builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false).setPort(port);
            }
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void closeQuietly(EmbeddedPostgres server) {
        try {
            server.close();
        } catch (IOException e) {
            // the JVM is ending, or the server is gone already
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns the same URL naming another database: {@code jdbc:postgresql://host:port/<database>?...}. */
    static String withDatabase(String url, String database) {
        String[] parts = url.split("\\?", 2);
        String query = parts.length > 1 ? "?" + parts[1] : "";
        int slash = parts[0].indexOf('/', "jdbc:postgresql://".length());
        return (slash < 0 ? parts[0] : parts[0].substring(0, slash)) + "/" + database + query;
    }
}
