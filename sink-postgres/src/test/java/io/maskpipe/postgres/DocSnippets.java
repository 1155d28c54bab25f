package io.maskpipe.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;

/**
 * Reads what the docs show, so that tests run it as written (STYLE.md section 9): SQL blocks of a page, and the
 * marked regions of a test's source that a page or a javadoc quotes.
 *
 * <p>A test marks a quoted region with {@code // --- <file>: <name> ---} and {@code // --- end ---}, where the file
 * is relative to the repository's root ({@code docs/postgres.md}, or a main source whose javadoc quotes it). Paths
 * resolve from the module's directory, where Surefire runs the tests.
 */
final class DocSnippets {
    private static final Path ROOT = Path.of("..");
    private static final Pattern REGION = Pattern.compile(
            "(?m)^[ \\t]*// --- (\\S+): ([^\\n]+?) ---\\n(.*?)^[ \\t]*// --- end ---$", Pattern.DOTALL);
    private static final Pattern SQL_BLOCK = Pattern.compile("(?m)^```sql\\n(.*?)^```$", Pattern.DOTALL);
    private static final Pattern JAVA_BLOCK = Pattern.compile("(?m)^([ \\t]*)```java\\n(.*?)^\\1```$", Pattern.DOTALL);
    private static final Pattern JAVADOC_BLOCK = Pattern.compile("<pre>\\{@code\\n(.*?)^[ \\t]*\\* \\}</pre>",
            Pattern.DOTALL | Pattern.MULTILINE);
    private static final Pattern PSQL_VARIABLE = Pattern.compile("(?<!:):'([A-Za-z_][A-Za-z0-9_]*)'");

    private DocSnippets() {
    }

    static String read(String file) {
        try {
            return Files.readString(ROOT.resolve(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns the one {@code ```sql} block of a page that contains the given text. */
    static String sqlBlock(String page, String containing) {
        List<String> found = new ArrayList<>();
        Matcher block = SQL_BLOCK.matcher(read(page));
        while (block.find()) {
            if (block.group(1).contains(containing)) {
                found.add(block.group(1));
            }
        }
        assertThat(found).as("sql blocks of %s containing '%s'", page, containing).hasSize(1);
        return found.get(0);
    }

    /** Splits a block into its statements, each ending with a semicolon at the end of a line. */
    static List<String> statements(String block) {
        return Arrays.stream(block.split("(?m);[ \\t]*$")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** A statement with psql's {@code :'name'} variables turned into JDBC parameters, and their names in order. */
    record Jdbc(String sql, List<String> parameters) {
        static Jdbc fromPsql(String statement) {
            List<String> names = new ArrayList<>();
            Matcher variable = PSQL_VARIABLE.matcher(statement);
            StringBuilder sql = new StringBuilder();
            while (variable.find()) {
                names.add(variable.group(1));
                variable.appendReplacement(sql, "?");
            }
            variable.appendTail(sql);
            return new Jdbc(sql.toString(), List.copyOf(names));
        }
    }

    /**
     * Asserts that every marked region of a test's source is, indentation aside, one of the code blocks of the file
     * its marker names: a {@code ```java} block of a page, or a {@code <pre>{@code ...}</pre>} block of a javadoc.
     */
    static void assertQuoted(Class<?> test) {
        String source = read("sink-postgres/src/test/java/" + test.getName().replace('.', '/') + ".java");
        Matcher region = REGION.matcher(source);
        int regions = 0;
        SoftAssertions softly = new SoftAssertions();
        while (region.find()) {
            regions++;
            String file = region.group(1);
            softly.assertThat(codeBlocks(file)).as("code blocks of %s, one quoting %s '%s'", file,
                    test.getSimpleName(), region.group(2)).contains(dedent(region.group(3)));
        }
        softly.assertThat(regions).as("marked regions in %s", test.getSimpleName()).isPositive();
        softly.assertAll();
    }

    private static List<String> codeBlocks(String file) {
        boolean javadoc = file.endsWith(".java");
        Matcher block = (javadoc ? JAVADOC_BLOCK : JAVA_BLOCK).matcher(read(file));
        List<String> blocks = new ArrayList<>();
        while (block.find()) {
            String code = block.group(javadoc ? 1 : 2);
            blocks.add(dedent(javadoc ? code.replaceAll("(?m)^[ \\t]*\\* ?", "") : code));
        }
        return blocks;
    }

    private static String dedent(String text) {
        List<String> lines = text.lines().toList();
        int margin = lines.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length())
                .min().orElse(0);
        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            out.append(line.isBlank() ? "" : line.substring(margin)).append('\n');
        }
        return out.toString();
    }
}
