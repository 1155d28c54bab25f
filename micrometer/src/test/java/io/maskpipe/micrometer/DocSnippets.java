package io.maskpipe.micrometer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;

/**
 * Reads what the docs show, so that tests run it as written (STYLE.md section 9): the marked regions of a test's
 * source, the code blocks of the pages or javadoc that quote each, and the meter table of docs/pipeline.md. The same
 * mechanism as pipeline-sqs's {@code DocSnippets}, except that one region may be quoted by several files.
 *
 * <p>A test marks a quoted region with {@code // --- <file>[, <file>...]: <name> ---} and {@code // --- end ---},
 * where each file is relative to the repository's root ({@code docs/pipeline.md}, or a main source whose javadoc
 * quotes it in a {@code <pre>{@code ...}</pre>} block). Paths resolve from the module's directory, where Surefire
 * runs the tests.
 */
final class DocSnippets {
    private static final Path ROOT = Path.of("..");
    private static final String MODULE = "micrometer";
    private static final Pattern REGION = Pattern.compile(
            "(?m)^[ \\t]*// --- ([^\\s,:]+(?:, [^\\s,:]+)*): ([^\\n]+?) ---\\n(.*?)^[ \\t]*// --- end ---$",
            Pattern.DOTALL);
    private static final Pattern JAVA_BLOCK = Pattern.compile("(?m)^([ \\t]*)```java\\n(.*?)^\\1```$", Pattern.DOTALL);
    private static final Pattern JAVADOC_BLOCK = Pattern.compile("<pre>\\{@code\\n(.*?)^[ \\t]*\\* \\}</pre>",
            Pattern.DOTALL | Pattern.MULTILINE);

    private DocSnippets() {
    }

    /** A marked region of a test: the files that quote it, its name, and its code, indentation removed. */
    record Region(List<String> files, String name, String code) {
    }

    static String read(String file) {
        try {
            return Files.readString(ROOT.resolve(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns the marked regions of a test class of this module, in source order. */
    static List<Region> regions(Class<?> test) {
        String source = read(MODULE + "/src/test/java/" + test.getName().replace('.', '/') + ".java");
        Matcher region = REGION.matcher(source);
        List<Region> regions = new ArrayList<>();
        while (region.find()) {
            regions.add(new Region(List.of(region.group(1).split(", ")), region.group(2), dedent(region.group(3))));
        }
        return regions;
    }

    /**
     * Asserts that every marked region of a test's source is, indentation aside, one of the code blocks of each file
     * its marker names: a {@code ```java} block of a page, or a {@code <pre>{@code ...}</pre>} block of a javadoc.
     */
    static void assertQuoted(Class<?> test) {
        List<Region> regions = regions(test);
        SoftAssertions softly = new SoftAssertions();
        for (Region region : regions) {
            for (String file : region.files()) {
                softly.assertThat(codeBlocks(file)).as("code blocks of %s, one quoting %s '%s'", file,
                        test.getSimpleName(), region.name()).contains(region.code());
            }
        }
        softly.assertThat(regions).as("marked regions in %s", test.getSimpleName()).isNotEmpty();
        softly.assertAll();
    }

    /**
     * Asserts that every {@code <pre>{@code ...}</pre>} block in this module's main sources is a copy of a region
     * of one of the tests that is marked with that source's path, so no javadoc example goes untested.
     */
    static void assertJavadocExamplesQuoted(Class<?>... tests) {
        List<Region> regions = new ArrayList<>();
        for (Class<?> test : tests) {
            regions.addAll(regions(test));
        }
        SoftAssertions softly = new SoftAssertions();
        for (String file : mainSources()) {
            List<String> quoted = regions.stream().filter(r -> r.files().contains(file)).map(Region::code).toList();
            for (String block : codeBlocks(file)) {
                softly.assertThat(quoted).as("test regions marked '%s' (javadoc example:%n%s)", file, block)
                        .contains(block);
            }
        }
        softly.assertAll();
    }

    /**
     * Returns the rows of the first table under a page's heading, each row's cells trimmed, header and rule left
     * out.
     */
    static List<List<String>> table(String file, String heading) {
        String page = read(file);
        int start = page.indexOf("\n" + heading + "\n");
        if (start < 0) {
            throw new AssertionError(file + " has no heading '" + heading + "'");
        }
        List<List<String>> rows = new ArrayList<>();
        boolean inTable = false;
        for (String line : page.substring(start + heading.length() + 2).lines().toList()) {
            if (line.startsWith("#")) {
                break;
            }
            if (!line.startsWith("|")) {
                if (inTable) {
                    break;
                }
                continue;
            }
            inTable = true;
            List<String> cells = Stream.of(line.substring(1, line.length() - 1).split("\\|")).map(String::strip)
                    .toList();
            if (!cells.get(0).startsWith("---")) {
                rows.add(cells);
            }
        }
        return rows.isEmpty() ? rows : rows.subList(1, rows.size());
    }

    private static List<String> mainSources() {
        Path main = ROOT.resolve(MODULE + "/src/main/java");
        try (Stream<Path> files = Files.walk(main)) {
            return files.filter(f -> f.toString().endsWith(".java"))
                    .map(f -> MODULE + "/src/main/java/" + main.relativize(f).toString().replace('\\', '/'))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
