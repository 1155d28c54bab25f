package io.maskpipe.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskpipe.doccheck.DocSnippets;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * docs/getting-started.md as a new user follows it: its pom.xml, simplelogger.properties and LoginMasker.java are
 * written, from the page's text, into an empty directory; the program is compiled against the libraries the pom
 * names (this module's test class path holds the same artifacts) and run against ElasticMQ and PostgreSQL.
 */
class GettingStartedTest {
    private static final String PAGE = "docs/getting-started.md";
    private static final DocSnippets DOCS = DocSnippets.forThisModule();
    private static final String PROGRAM = "com.example.LoginMasker";

    @TempDir
    static Path project;
    private static Document pom;
    private static XPath xpath;

    @BeforeAll
    static void writeTheProjectFromThePage() throws Exception {
        write("pom.xml", DOCS.block(PAGE, "xml", "<artifactId>login-masker</artifactId>"));
        write("src/main/resources/simplelogger.properties", DOCS.block(PAGE, "properties", "simpleLogger"));
        write("src/main/java/com/example/LoginMasker.java", DOCS.block(PAGE, "java", "class LoginMasker"));
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        pom = factory.newDocumentBuilder().parse(project.resolve("pom.xml").toFile());
        xpath = XPathFactory.newInstance().newXPath();
    }

    @Test
    void pom_fromThePage_isCompleteForJava17AndThisRelease() throws Exception {
        Document parent = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(DOCS.read("pom.xml").getBytes(StandardCharsets.UTF_8)));

        assertThat(text("/project/properties/maven.compiler.release")).isEqualTo("17");
        String compilerPlugin = text("/project/build/plugins/plugin[artifactId='maven-compiler-plugin']/version");
        assertThat(Integer.parseInt(compilerPlugin.split("\\.")[1])).as("compiler plugin 3.6+ knows release")
                .isGreaterThanOrEqualTo(6);
        assertThat(text("//dependencyManagement//dependency[artifactId='maskpipe-bom' and scope='import']/version"))
                .isEqualTo(xpath.evaluate("/project/version", parent));
        assertThat(text("//dependencyManagement//dependency[groupId='software.amazon.awssdk' and artifactId='bom']"
                + "/version")).isEqualTo(xpath.evaluate("/project/properties/aws-sdk.version", parent));
        List<String> dependencies = new ArrayList<>();
        var nodes = (org.w3c.dom.NodeList) xpath.evaluate("/project/dependencies/dependency/artifactId", pom,
                javax.xml.xpath.XPathConstants.NODESET);
        for (int i = 0; i < nodes.getLength(); i++) {
            dependencies.add(nodes.item(i).getTextContent());
        }
        assertThat(dependencies).contains("maskpipe-core", "maskpipe-sqs", "maskpipe-postgres", "url-connection-client",
                "slf4j-simple");
        // The compile below uses this module's test class path: it must hold each library the pom adds.
        String classpath = System.getProperty("surefire.test.class.path");
        assertThat(dependencies).filteredOn(d -> !d.startsWith("maskpipe-"))
                .allSatisfy(d -> assertThat(classpath).containsPattern("/" + d + "-[0-9][^/]*\\.jar"));
    }

    @Test
    void program_fromThePage_compilesAndMasksAQueueIntoPostgres() throws Exception {
        Path classes = Files.createDirectories(project.resolve("target/classes"));
        String libraries = System.getProperty("surefire.test.class.path");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        boolean compiled = javac.getTask(diagnostics, null, null, List.of("--release", "17", "-Xlint:all", "-Werror",
                "-classpath", libraries, "-d", classes.toString()), null, javac.getStandardFileManager(null, null,
                StandardCharsets.UTF_8).getJavaFileObjects(project.resolve("src/main/java/com/example/LoginMasker.java")
                .toFile())).call();
        assertThat(compiled).as(diagnostics.toString()).isTrue();

        String schema = ExampleHarness.freshTable("getting_started");
        String base = ExampleHarness.databaseUrl();
        String jdbcUrl = base + (base.contains("?") ? "&" : "?") + "currentSchema=" + schema;
        try (Connection connection = DriverManager.getConnection(jdbcUrl);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA " + schema);
            statement.execute(DOCS.block(PAGE, "sql", "CREATE TABLE IF NOT EXISTS user_logins"));
        }
        try (LoginQueues queues = LoginQueues.embedded()) {
            queues.send(LoginEventGenerator.seeded(11, 10).next(40));
            String endpoint = queues.queueUrl().substring(0, queues.queueUrl().indexOf('/', "http://".length()));
            ProcessBuilder run = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", project.resolve("src/main/resources") + ":" + classes + ":" + libraries, PROGRAM);
            run.environment().putAll(Map.of("MASKPIPE_KEYS", "k1:" + Base64.getEncoder().encodeToString(
                    ExampleHarness.KEY), "JDBC_URL", jdbcUrl, "SQS_ENDPOINT", endpoint, "QUEUE_URL", queues.queueUrl(),
                    "DLQ_URL", queues.deadLetterQueueUrl()));
            run.redirectError(project.resolve("stderr.txt").toFile());
            Process process = run.start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(2, TimeUnit.MINUTES)).isTrue();
            String err = Files.readString(project.resolve("stderr.txt"));
            System.out.println(out + err);

            long rows;
            try (Connection connection = DriverManager.getConnection(jdbcUrl);
                 Statement statement = connection.createStatement();
                 var result = statement.executeQuery("SELECT count(*) FROM user_logins")) {
                result.next();
                rows = result.getLong(1);
            }
            assertThat(process.exitValue()).as(err).isZero();
            assertThat(rows).isPositive().isLessThan(40); // one in ten, on average, is malformed
            assertThat(out).startsWith("received 40, written " + rows + ", duplicates 0, rejected " + (40 - rows));
            assertThat(err).doesNotContain("SLF4J(W)").doesNotContain("No SLF4J providers");
            assertThat(queues.peekDeadLetters()).hasSize((int) (40 - rows));
        }
    }

    @Test
    void loggingProperties_fromThePage_configureSlf4jSimple() throws Exception {
        Properties properties = new Properties();
        properties.load(new ByteArrayInputStream(Files.readAllBytes(
                project.resolve("src/main/resources/simplelogger.properties"))));

        assertThat(properties.stringPropertyNames()).isNotEmpty()
                .allSatisfy(name -> assertThat(name).startsWith("org.slf4j.simpleLogger."));
        assertThat(properties.getProperty("org.slf4j.simpleLogger.log.io.maskpipe")).isEqualTo("info");
    }

    private static void write(String file, String text) throws Exception {
        Path path = project.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, text);
    }

    private static String text(String expression) throws Exception {
        String value = xpath.evaluate(expression, pom);
        assertThat(value).as(expression).isNotBlank();
        return value.strip();
    }
}
