package io.maskpipe.examples;

import io.maskpipe.core.key.Keyring;
import io.maskpipe.testpostgres.TestPostgres;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

/**
 * Runs the examples as a user would, against one PostgreSQL per test JVM (embedded, or {@code MASKPIPE_TEST_PG_URL}),
 * capturing everything printed, logs included (the SLF4J logger writes to {@code System.err}).
 */
final class ExampleHarness {
    static final byte[] KEY = new byte[32];
    static final Keyring KEYRING;
    /** The embedded PostgreSQL's {@code max_connections}: zonky's own default, which the examples' tests had. */
    static final int MAX_CONNECTIONS = 300;

    static {
        for (int i = 0; i < KEY.length; i++) {
            KEY[i] = (byte) (0xA0 + i);
        }
        KEYRING = Keyring.of("k1", KEY);
    }

    private ExampleHarness() {
    }

    /** Returns the JDBC URL (user and password in it) of the test JVM's PostgreSQL: {@link TestPostgres}'s. */
    static String databaseUrl() {
        return TestPostgres.sharedUrl(MAX_CONNECTIONS);
    }

    /** A table name no other run uses, so runs against a shared server do not collide. */
    static String freshTable(String prefix) {
        return prefix + "_" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0xFFFF));
    }

    /** Writes the test key ring to a file readable by its owner only, as the docs advise. */
    static Path keyFile(Path directory) throws IOException {
        Path file = directory.resolve("keyring");
        Files.writeString(file, "k1:" + java.util.Base64.getEncoder().encodeToString(KEY) + "\n");
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    /** Runs {@code body} with standard output and error captured, and returns its result with the captured text. */
    static <T> Captured<T> capture(Function<PrintStream, T> body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        PrintStream out = System.out;
        PrintStream err = System.err;
        System.setOut(capture);
        System.setErr(capture);
        try {
            T result = body.apply(capture);
            return new Captured<>(result, bytes.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
            System.out.print(bytes.toString(StandardCharsets.UTF_8)); // keep it in the test report too
        }
    }

    static ExampleOptions options(Map<String, String> env, String... args) {
        return ExampleOptions.parse(List.of(args), env, true);
    }

    /** Every text value in every column of the given tables, cast to text. */
    static List<String> allText(LoginsDatabase database, String... tables) {
        List<String> values = new ArrayList<>();
        for (String table : tables) {
            for (List<String> row : database.query("SELECT t::text FROM " + table + " t")) {
                values.add(row.get(0));
            }
        }
        return values;
    }

    record Captured<T>(T result, String text) {
    }
}
