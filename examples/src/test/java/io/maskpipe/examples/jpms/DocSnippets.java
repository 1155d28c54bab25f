package io.maskpipe.examples.jpms;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;

/**
 * Reads what the docs show, so that tests run it as written (STYLE.md section 9): the marked regions of a source
 * the tests compile and run, and the {@code ```java} blocks of the page that quotes each. The same mechanism as
 * pipeline-sqs's and sink-postgres's {@code DocSnippets}, for sources that are not test classes (the modular
 * consumer under {@code src/test/jpms-consumer}, which Maven does not compile).
 *
 * <p>A source marks a quoted region with {@code // --- <page>: <name> ---} and {@code // --- end ---}, where the page
 * is relative to the repository's root. Paths resolve from the module's directory, where Surefire runs the tests.
 */
final class DocSnippets {
    private static final Path ROOT = Path.of("..");
    private static final Pattern REGION = Pattern.compile(
            "(?m)^[ \\t]*// --- (\\S+): ([^\\n]+?) ---\\n(.*?)^[ \\t]*// --- end ---$", Pattern.DOTALL);
    private static final Pattern JAVA_BLOCK = Pattern.compile("(?m)^([ \\t]*)```java\\n(.*?)^\\1```$", Pattern.DOTALL);

    private DocSnippets() {
    }

    /** A marked region of a source: the page that quotes it, its name, and its code, indentation removed. */
    record Region(String page, String name, String code) {
    }

    /** Returns the marked regions of a source file, in source order. */
    static List<Region> regions(Path source) {
        Matcher region = REGION.matcher(read(source));
        List<Region> regions = new ArrayList<>();
        while (region.find()) {
            regions.add(new Region(region.group(1), region.group(2), dedent(region.group(3))));
        }
        return regions;
    }

    /**
     * Asserts that every marked region of the sources is, indentation aside, one of the {@code ```java} blocks of
     * the page its marker names, and that the sources mark at least one region.
     */
    static void assertQuoted(List<Path> sources) {
        SoftAssertions softly = new SoftAssertions();
        List<Region> all = new ArrayList<>();
        for (Path source : sources) {
            for (Region region : regions(source)) {
                all.add(region);
                softly.assertThat(javaBlocks(region.page())).as("java blocks of %s, one quoting %s '%s'",
                        region.page(), source.getFileName(), region.name()).contains(region.code());
            }
        }
        softly.assertThat(all).as("marked regions in %s", sources).isNotEmpty();
        softly.assertAll();
    }

    /** Returns the {@code ```java} blocks of a page, indentation removed. */
    static List<String> javaBlocks(String page) {
        Matcher block = JAVA_BLOCK.matcher(read(ROOT.resolve(page)));
        List<String> blocks = new ArrayList<>();
        while (block.find()) {
            blocks.add(dedent(block.group(2)));
        }
        return blocks;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
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
