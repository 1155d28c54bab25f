package io.maskpipe.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads what the README and the docs show, so the tests can check it is what they compile and run: fenced blocks of
 * a page, and regions of a test's source between {@code // <name>: begin} and {@code // <name>: end}. Paths are
 * relative to the repository's root; Surefire runs the tests in the module's directory.
 */
final class Snippets {
    static final Path ROOT = Path.of("..");
    private static final Pattern IMPORT = Pattern.compile("(?m)^import [\\w.]+;$");

    private Snippets() {
    }

    static String read(String file) throws IOException {
        return Files.readString(ROOT.resolve(file), StandardCharsets.UTF_8);
    }

    /** Returns the one fenced block of the given language on the page that contains the text, without its fences. */
    static String block(String page, String language, String containing) {
        Matcher block = Pattern.compile("(?ms)^```" + language + "\\n(.*?)^```$").matcher(page);
        List<String> found = new ArrayList<>();
        while (block.find()) {
            if (block.group(1).contains(containing)) {
                found.add(block.group(1));
            }
        }
        assertThat(found).as("```%s blocks containing '%s'", language, containing).hasSize(1);
        return found.get(0);
    }

    static String javaBlock(String page, String containing) {
        return block(page, "java", containing);
    }

    /** Returns a block's code after its import lines and the blank line that follows them. */
    static String code(String block) {
        return IMPORT.matcher(block).replaceAll("").stripLeading();
    }

    /** Returns the lines of a marked region of a source, its common indentation removed, ending with a newline. */
    static String region(String source, String name) {
        Matcher region = Pattern.compile("(?ms)^[ \\t]*// " + Pattern.quote(name) + ": begin\\n(.*?)^[ \\t]*// "
                + Pattern.quote(name) + ": end$").matcher(source);
        assertThat(region.find()).as("region '%s'", name).isTrue();
        List<String> lines = region.group(1).lines().toList();
        int indent = lines.stream().filter(line -> !line.isBlank())
                .mapToInt(line -> line.length() - line.stripLeading().length()).min().orElse(0);
        return lines.stream().map(line -> line.isBlank() ? "" : line.substring(indent))
                .collect(Collectors.joining("\n", "", "\n"));
    }

    /** Checks that each import of a block is one of the source's, and names a type the block's code uses. */
    static void assertImportsCopiedAndUsed(String block, String source) {
        List<String> imports = IMPORT.matcher(block).results().map(m -> m.group()).collect(Collectors.toList());
        assertThat(imports).as("imports of the block").isNotEmpty()
                .allSatisfy(line -> assertThat(source).contains("\n" + line + "\n"));
        String code = code(block);
        assertThat(imports).allSatisfy(line -> {
            String type = line.substring(line.lastIndexOf('.') + 1, line.length() - 1);
            assertThat(code).as("the block uses %s", type).containsPattern("\\b" + type + "\\b");
        });
    }
}
