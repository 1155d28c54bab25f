package io.maskpipe.doccheck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Keeps what the docs show in step with tests that run it (STYLE.md section 9): the one mechanism every module's
 * tests use for the examples of its pages and of its javadoc.
 *
 * <p>A test marks the code it runs with {@code // --- <file>: <name> ---} and {@code // --- end ---}, where the file is
 * relative to the repository's root: a page ({@code docs/sqs.md}), whose {@code ```java} blocks are compared, or a
 * main source ({@code pipeline-sqs/src/main/java/io/maskpipe/sqs/SqsSource.java}), whose javadoc
 * {@code <pre>{@code ...}</pre>} blocks are compared. Indentation and javadoc's leading {@code *} aside, a region
 * and the block quoting it must be the same text.
 *
 * <p>A module's tests call {@code DocSnippets.forThisModule().assertQuoted(SomeExamplesTest.class)} for the regions
 * of its tests, and {@code assertJavadocExamplesQuoted(SomeType.class, ...)} for the javadoc of its main sources,
 * naming the types whose javadoc must show an example. A javadoc example may be run by a test of another module
 * (where the types it needs are), so the regions are looked for in every module's tests.
 *
 * <p>Failures are {@link AssertionError}s listing every mismatch at once. Depends on the JDK alone.
 *
 * @since 0.1.0
 */
public final class DocSnippets {
    private static final Pattern REGION = Pattern.compile(
            "(?m)^[ \\t]*// --- (\\S+): ([^\\n]+?) ---\\n(.*?)^[ \\t]*// --- end ---$", Pattern.DOTALL);
    private static final Pattern PAGE_BLOCK = Pattern.compile("(?m)^([ \\t]*)```java\\n(.*?)^\\1```$", Pattern.DOTALL);
    private static final Pattern JAVADOC_BLOCK = Pattern.compile("<pre>\\{@code\\n(.*?)^[ \\t]*\\* \\}</pre>",
            Pattern.DOTALL | Pattern.MULTILINE);
    private static final String JAVADOC_OPENING = "<pre>{@code";

    private final Path root;
    private final Path module;

    private DocSnippets(Path root, Path module) {
        this.root = root;
        this.module = module;
    }

    /**
     * The module whose tests are running: the working directory, where Surefire runs a module's tests, inside the
     * repository whose root holds {@code mvnw}.
     *
     * @return the checks for this module
     */
    public static DocSnippets forThisModule() {
        Path module = Path.of("").toAbsolutePath().normalize();
        for (Path dir = module; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw"))) {
                return new DocSnippets(dir, module);
            }
        }
        throw new IllegalStateException("no repository root (a directory with mvnw) above " + module);
    }

    /** A repository at {@code root} and one of its modules: for the mechanism's own tests. */
    static DocSnippets of(Path root, String module) {
        return new DocSnippets(root, root.resolve(module));
    }

    /**
     * A marked region of a test: the file that quotes it, its name, and its code with the indentation removed.
     *
     * @param file the quoting file, relative to the repository's root
     * @param name the region's name
     * @param code the region's code
     * @since 0.1.0
     */
    public record Region(String file, String name, String code) {
        /**
         * Checks the parts.
         *
         * @param file the quoting file
         * @param name the region's name
         * @param code the region's code
         */
        public Region {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(code, "code");
        }
    }

    /**
     * Returns a file of the repository as text.
     *
     * @param file the path from the repository's root, such as {@code docs/postgres.md}
     * @return the file's text, UTF-8
     */
    public String read(String file) {
        return read(root.resolve(file));
    }

    /**
     * Returns the marked regions of a test class of this module, in source order.
     *
     * @param test a class under this module's {@code src/test/java}
     * @return its regions
     */
    public List<Region> regions(Class<?> test) {
        return regionsOf(module.resolve("src/test/java/" + test.getName().replace('.', '/') + ".java"));
    }

    /**
     * Asserts that each test has marked regions and that every one of them is, indentation aside, one of the code
     * blocks of the file its marker names.
     *
     * @param tests test classes of this module
     * @throws AssertionError listing every region that no block of its file quotes
     */
    public void assertQuoted(Class<?>... tests) {
        Collection<String> problems = new LinkedHashSet<>();
        for (Class<?> test : tests) {
            List<Region> regions = regions(test);
            if (regions.isEmpty()) {
                problems.add(test.getSimpleName() + " has no marked region");
            }
            for (Region region : regions) {
                if (!Files.isRegularFile(root.resolve(region.file()))) {
                    problems.add(String.format("%s '%s' names %s, which does not exist", test.getSimpleName(),
                            region.name(), region.file()));
                } else if (!codeBlocks(region.file(), problems).contains(region.code())) {
                    problems.add(String.format("no code block of %s quotes %s '%s':%n%s", region.file(),
                            test.getSimpleName(), region.name(), region.code()));
                }
            }
        }
        fail(problems);
    }

    /**
     * Asserts that the javadoc examples of this module's main sources and the test regions they quote are in step:
     * every {@code <pre>{@code ...}</pre>} block is a copy of a region marked with its source's path in a test of any
     * module, every such region is quoted by a block, and each of the given types shows at least one example.
     *
     * @param typesWithExamples main types of this module whose javadoc must show an example
     * @throws AssertionError listing every block, region or type out of step
     */
    public void assertJavadocExamplesQuoted(Class<?>... typesWithExamples) {
        List<Region> regions = testSources().stream().flatMap(f -> regionsOf(f).stream()).toList();
        Collection<String> problems = new LinkedHashSet<>();
        for (String file : mainSources()) {
            List<String> blocks = codeBlocks(file, problems);
            List<Region> quoted = regions.stream().filter(r -> r.file().equals(file)).toList();
            for (String block : blocks) {
                if (quoted.stream().noneMatch(r -> r.code().equals(block))) {
                    problems.add(String.format("javadoc example of %s is no test region marked with its path:%n%s",
                            file, block));
                }
            }
            for (Region region : quoted) {
                if (!blocks.contains(region.code())) {
                    problems.add(String.format("region '%s' marked %s is quoted by no javadoc example there:%n%s",
                            region.name(), file, region.code()));
                }
            }
        }
        for (Class<?> type : typesWithExamples) {
            String file = relative(module.resolve("src/main/java/" + type.getName().replace('.', '/') + ".java"));
            if (codeBlocks(file, new ArrayList<>()).isEmpty()) {
                problems.add(file + " shows no javadoc example");
            }
        }
        fail(problems);
    }

    private List<Region> regionsOf(Path testSource) {
        Matcher region = REGION.matcher(read(testSource));
        List<Region> regions = new ArrayList<>();
        while (region.find()) {
            regions.add(new Region(region.group(1), region.group(2), dedent(region.group(3))));
        }
        return regions;
    }

    /** The code blocks of a page or a main source; a javadoc example that cannot be read is a problem. */
    private List<String> codeBlocks(String file, Collection<String> problems) {
        String text = read(file);
        boolean javadoc = file.endsWith(".java");
        Matcher block = (javadoc ? JAVADOC_BLOCK : PAGE_BLOCK).matcher(text);
        List<String> blocks = new ArrayList<>();
        while (block.find()) {
            String code = block.group(javadoc ? 1 : 2);
            blocks.add(dedent(javadoc ? code.replaceAll("(?m)^[ \\t]*\\* ?", "") : code));
        }
        if (javadoc) {
            int openings = text.split(Pattern.quote(JAVADOC_OPENING), -1).length - 1;
            if (openings != blocks.size()) {
                problems.add(String.format("%s: %d of its %d javadoc examples do not open with a line ending in '%s'"
                        + " and close with a line '* }</pre>'", file, openings - blocks.size(), openings,
                        JAVADOC_OPENING));
            }
        }
        return blocks;
    }

    private List<String> mainSources() {
        return javaFiles(module.resolve("src/main/java")).stream().map(this::relative).toList();
    }

    /** The test sources of every module of the repository: a region may run where its dependencies are. */
    private List<Path> testSources() {
        try (Stream<Path> modules = Files.list(root)) {
            return modules.map(m -> m.resolve("src/test/java")).filter(Files::isDirectory)
                    .flatMap(dir -> javaFiles(dir).stream()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> javaFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String relative(Path file) {
        return root.relativize(file).toString().replace('\\', '/');
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

    private static void fail(Collection<String> problems) {
        if (!problems.isEmpty()) {
            throw new AssertionError(problems.size() + " doc example(s) out of step with their tests:\n- "
                    + String.join("\n- ", problems));
        }
    }
}
