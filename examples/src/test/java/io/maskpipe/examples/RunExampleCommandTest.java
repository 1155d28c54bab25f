package io.maskpipe.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The commands docs/user-logins.md gives for running the example, run as a user types them, with a bad option: the
 * documented Maven command (the run-example profile's exec:exec) and the direct JVM command it documents for scripts.
 * The Maven run builds nothing new here: the surrounding build has compiled and packaged everything already.
 */
class RunExampleCommandTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String EXPECTED = "UserLoginsPipeline: unknown option '--bogus'\n"
            + ExampleOptions.usage("UserLoginsPipeline", true) + "\n";

    private static Result maven;

    @BeforeAll
    static void runTheDocumentedMavenCommand() throws Exception {
        // docs/user-logins.md: ./mvnw -q -pl examples -am package -DskipTests -Prun-example -Dexample.args="..."
        maven = run(List.of("./mvnw", "-q", "-B", "-ntp", "-pl", "examples", "-am", "package", "-DskipTests",
                "-Prun-example", "-Dexample.args=--bogus"));
    }

    @Test
    void mavenCommand_unknownOption_printsOnlyTheMessageAndUsageAndExits0() {
        assertThat(withoutJvmWarnings(maven.output())).isEqualTo(EXPECTED);
        assertThat(maven.output()).doesNotContain("Exception").doesNotContain("[ERROR]")
                .doesNotContainPattern("(?m)^\\s+at ");
        assertThat(maven.status()).as("Maven's status, as docs/user-logins.md says").isZero();
    }

    @Test
    void directCommand_unknownOption_printsOnlyTheMessageAndUsageAndExits2() throws Exception {
        // docs/user-logins.md, exit status: java -cp "examples/target/classes:$(cat examples/target/example.classpath)"
        Path classpathFile = ROOT.resolve("examples/target/example.classpath");
        assertThat(classpathFile).as("written by the Maven command's package phase").exists();
        String classpath = ROOT.resolve("examples/target/classes") + ":" + Files.readString(classpathFile).strip();

        Result direct = run(List.of(ROOT.resolve("tools/outside-root/bin/java").toString(), "-cp", classpath,
                "io.maskpipe.examples.UserLoginsPipeline", "--bogus"));

        assertThat(withoutJvmWarnings(direct.output())).isEqualTo(EXPECTED);
        assertThat(direct.status()).isEqualTo(2);
    }

    /** Drops the lines a newer JDK prints about Maven's own libraries ("WARNING: sun.misc.Unsafe..."), if any. */
    private static String withoutJvmWarnings(String output) {
        return output.replaceAll("(?m)^WARNING: .*\\n", "");
    }

    private static Result run(List<String> command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).directory(ROOT.toFile())
                .redirectErrorStream(true);
        builder.environment().put("MASKPIPE_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Process process = builder.start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("%s finished", command).isTrue();
        String text = new String(output, StandardCharsets.UTF_8);
        System.out.println(text); // in the test report
        return new Result(process.exitValue(), text);
    }

    private record Result(int status, String output) {
    }
}
