package io.maskpipe.examples.jpms;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskpipe.core.MaskContext;
import io.maskpipe.core.Masker;
import io.maskpipe.core.Maskers;
import io.maskpipe.core.key.Keyring;
import io.maskpipe.doccheck.DocSnippets;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A consumer that is a module ({@code com.example.logins}: a module-info requiring io.maskpipe.sqs and
 * io.maskpipe.postgres, a masker of its own, a main that runs SQS to PostgreSQL) is compiled on the module path and
 * run with {@code java -m} in a JVM of its own, against an ElasticMQ queue and a PostgreSQL (embedded, or
 * {@code MASKPIPE_TEST_PG_URL}) started here on free ports. docs/getting-started.md quotes it.
 */
class ModularConsumerTest {
    private static final String KEYS = "k1:" + Base64.getEncoder().encodeToString(key());
    /** Synthetic logins, from the documentation address ranges. */
    private static final List<Map<String, String>> LOGINS = List.of(
            Map.of("user_id", "u-1", "ip", "192.0.2.17", "device_id", "dev-aaaa-0001"),
            Map.of("user_id", "u-2", "ip", "198.51.100.200", "device_id", "dev-bbbb-0002"),
            Map.of("user_id", "u-3", "ip", "203.0.113.7", "device_id", "dev-cccc-0003"));

    private static SQSRestServer sqsServer;
    private static URI sqsEndpoint;
    private static SqsClient sqs;
    private static EmbeddedPostgres postgres;
    private static String jdbcUrl;

    @BeforeAll
    static void startServers() throws IOException {
        sqsServer = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
        sqsEndpoint = URI.create("http://127.0.0.1:" + sqsServer.waitUntilStarted().localAddress().getPort());
        sqs = SqsClient.builder().endpointOverride(sqsEndpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create()).build();
        String external = System.getenv("MASKPIPE_TEST_PG_URL");
        if (external != null && !external.isBlank()) {
            jdbcUrl = external;
        } else {
            postgres = EmbeddedPostgres.builder().start(); // a free port of its own
            jdbcUrl = postgres.getJdbcUrl("postgres", "postgres");
        }
    }

    @AfterAll
    static void stopServers() throws IOException {
        sqs.close();
        sqsServer.stopAndWait();
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void consumerModule_runOnTheModulePath_writesEveryLoginMasked(@TempDir Path work) throws Exception {
        String table = "jpms_logins_" + Long.toHexString(System.nanoTime());
        execute("CREATE TABLE " + table + "(user_id text, masked_ip text, masked_device_id text)");
        String queueUrl = sqs.createQueue(r -> r.queueName("jpms-logins-" + Long.toHexString(System.nanoTime()))
                .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "30"))).queueUrl();
        for (Map<String, String> login : LOGINS) {
            sqs.sendMessage(r -> r.queueUrl(queueUrl).messageBody(json(login)));
        }
        List<Path> modulePath = ConsumerBuild.modulePath();
        Path classes = Files.createDirectories(work.resolve("classes"));

        assertThat(ConsumerBuild.compile(modulePath, classes)).as("javac diagnostics").isEmpty();
        Path output = work.resolve("output.txt");
        ProcessBuilder launch = new ProcessBuilder(ConsumerBuild.javaCommand(modulePath, classes,
                sqsEndpoint.toString(), queueUrl, jdbcUrl, table))
                .redirectErrorStream(true).redirectOutput(output.toFile());
        launch.environment().put("MASKPIPE_KEYS", KEYS);
        Process child = launch.start();
        boolean exited = child.waitFor(3, TimeUnit.MINUTES);
        if (!exited) {
            child.destroyForcibly().waitFor();
        }
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        System.out.print(printed); // kept in the test report

        assertThat(exited).as("consumer exited; it printed:%n%s", printed).isTrue();
        assertThat(child.exitValue()).as("exit status; the consumer printed:%n%s", printed).isZero();
        assertThat(printed).contains("module com.example.logins: received=3 written=3 duplicates=0 rejected=0");
        Masker hmac = Maskers.hmac(Keyring.parse(KEYS));
        List<List<String>> expected = new ArrayList<>();
        for (Map<String, String> login : LOGINS) {
            String ip = login.get("ip");
            expected.add(List.of(login.get("user_id"), ip.substring(0, ip.lastIndexOf('.')) + ".0",
                    hmac.mask(login.get("device_id"), MaskContext.forField("device_id"))));
            assertThat(printed).as("what the consumer printed").doesNotContain(ip, login.get("device_id"));
        }
        assertThat(query("SELECT user_id, masked_ip, masked_device_id FROM " + table + " ORDER BY user_id"))
                .containsExactlyElementsOf(expected);
        assertThat(sqs.getQueueAttributes(r -> r.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes())
                .containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0");
    }

    @Test
    void modulePath_libraryModules_areExplicitNotAutomatic() {
        ModuleFinder finder = ModuleFinder.of(ConsumerBuild.modulePath().toArray(Path[]::new));

        for (String module : List.of("io.maskpipe.core", "io.maskpipe.sqs", "io.maskpipe.postgres")) {
            assertThat(finder.find(module).map(ModuleReference::descriptor).map(ModuleDescriptor::isAutomatic))
                    .as(module).contains(false);
        }
        assertThat(finder.find("software.amazon.awssdk.http.urlconnection").map(ModuleReference::descriptor)
                .map(ModuleDescriptor::isAutomatic)).as("the SDK's HTTP client").contains(true);
        assertThat(ConsumerBuild.modulePath()).as("the test servers stay off the module path")
                .noneMatch(entry -> entry.toString().contains("elasticmq") || entry.toString().contains("zonky"));
    }

    @Test
    void gettingStarted_javaModulesSection_quotesTheConsumerAsTested() {
        DocSnippets.forThisModule().assertSourcesQuoted(ConsumerBuild.sources());
    }

    private static String json(Map<String, String> login) {
        return "{\"user_id\":\"" + login.get("user_id") + "\",\"ip\":\"" + login.get("ip") + "\",\"device_id\":\""
                + login.get("device_id") + "\"}";
    }

    private static byte[] key() {
        byte[] key = new byte[32];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (0x30 + i);
        }
        return key;
    }

    private static void execute(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static List<List<String>> query(String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(jdbcUrl);
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            List<List<String>> result = new ArrayList<>();
            while (rows.next()) {
                result.add(List.of(rows.getString(1), rows.getString(2), rows.getString(3)));
            }
            return result;
        }
    }
}
