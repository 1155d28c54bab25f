package io.maskpipe.faults;

import io.maskpipe.testpostgres.TestPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
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
 * and a PostgreSQL: {@link TestPostgres}'s, the one {@code MASKPIPE_TEST_PG_URL} names (a JDBC URL with user and
 * password), else one embedded server per test JVM. Each test makes its own queues and database ({@link Scenario}).
 * Register it with {@code @RegisterExtension static final Servers servers = new Servers();}.
 */
final class Servers implements BeforeAllCallback, AfterAllCallback {
    /** The embedded PostgreSQL's {@code max_connections}: the shared server's and the restart test's own. */
    static final int POSTGRES_MAX_CONNECTIONS = 80;

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

    /** Returns the JDBC URL (user and password in it) of the PostgreSQL server's maintenance database. */
    static String postgresUrl() {
        return TestPostgres.sharedUrl(POSTGRES_MAX_CONNECTIONS);
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
