package io.maskpipe.doccheck;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps what the docs show in step with tests that run it (STYLE.md section 9): the one mechanism every module's
 * tests use for the examples of its pages and of its javadoc.
 *
 * <p>A test marks the code it runs with {@code // --- <file>: <name> ---} and {@code // --- end ---}, where the file is
 * relative to the repository's root: a page ({@code docs/sqs.md}), whose {@code ```java} blocks are compared, or a
 * main source ({@code pipeline-sqs/src/main/java/io/maskpipe/sqs/SqsSource.java}), whose javadoc
 * {@code <pre>{@code ...}</pre>} blocks are compared. A region quoted by several files names them all, separated by
 * {@code ", "}. Indentation and javadoc's leading {@code *} aside, a region and the block quoting it must be the
 * same text; a page's block may also open with import lines and a blank line, when each of those imports is one of
 * the marking source's and names a type the region uses.
 *
 * <p>A module's tests call {@code DocSnippets.forThisModule().assertQuoted(SomeExamplesTest.class)} for the regions
 * of its tests ({@link #assertSourcesQuoted} for sources that are not test classes), and
 * {@code assertJavadocExamplesQuoted(SomeType.class, ...)} for the javadoc of its main sources, naming the types
 * whose javadoc must show an example. A javadoc example may be run by a test of another module (where the types it
 * needs are), so the regions are looked for in every module's tests. A test that runs what a page shows without a
 * region (a whole file, a SQL script, a table) reads it with {@link #block} or {@link #table}.
 *
 * <p>Failures are {@link AssertionError}s listing every mismatch at once. Depends on the JDK alone.
 *
 * @since 0.1.0
 */
public final class DocSnippets {
    private static final Pattern REGION = Pattern.compile(
            "(?m)^[ \\t]*// --- ([^\\s,:]+(?:, [^\\s,:]+)*): ([^\\n]+?) ---\\n(.*?)^[ \\t]*// --- end ---$",
            Pattern.DOTALL);

    private final Repository files;

    private DocSnippets(Repository files) {
        this.files = files;
    }

    /**
     * The module whose tests are running: the working directory, where Surefire runs a module's tests, inside the
     * repository whose root holds {@code mvnw}.
     *
     * @return the checks for this module
     */
    public static DocSnippets forThisModule() {
        return new DocSnippets(Repository.ofWorkingDirectory());
    }

    /** A repository at {@code root} and one of its modules: for the mechanism's own tests. */
    static DocSnippets of(Path root, String module) {
        return new DocSnippets(new Repository(root, root.resolve(module)));
    }

    /**
     * A marked region of a test: the file that quotes it, its name, and its code with the indentation removed. A
     * region whose marker names several files is one region per file.
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
        return files.read(file);
    }

    /**
     * Returns the one fenced block of a language on a page that contains a text, its indentation removed: for tests
     * that run what a page shows as a whole (a pom, a class, a SQL script).
     *
     * @param file the page, from the repository's root
     * @param language the block's language, as after its opening fence ({@code sql}, {@code xml})
     * @param containing text that singles the block out
     * @return the block's text, ending with a newline
     * @throws AssertionError unless exactly one such block contains the text
     */
    public String block(String file, String language, String containing) {
        List<String> found = CodeBlocks.fenced(read(file), language).stream().filter(b -> b.contains(containing))
                .toList();
        if (found.size() != 1) {
            throw new AssertionError(String.format("%d ```%s blocks of %s contain '%s', not 1", found.size(),
                    language, file, containing));
        }
        return found.get(0);
    }

    /**
     * Returns the rows of the first table under a heading of a page, each row's cells trimmed, the header row and
     * the rule left out.
     *
     * @param file the page, from the repository's root
     * @param heading the heading's whole line, such as {@code ## Metrics}
     * @return the table's rows, empty if the heading has no table
     * @throws AssertionError if the page has no such heading
     */
    public List<List<String>> table(String file, String heading) {
        List<List<String>> rows = CodeBlocks.table(read(file), heading);
        if (rows == null) {
            throw new AssertionError(file + " has no heading '" + heading + "'");
        }
        return rows;
    }

    /**
     * Returns the marked regions of a test class of this module, in source order.
     *
     * @param test a class under this module's {@code src/test/java}
     * @return its regions
     */
    public List<Region> regions(Class<?> test) {
        return regionsOf(files.testSource(test));
    }

    /**
     * Asserts that each test has marked regions and that every one of them is, indentation aside, one of the code
     * blocks of each file its marker names.
     *
     * @param tests test classes of this module
     * @throws AssertionError listing every region that no block of its file quotes
     */
    public void assertQuoted(Class<?>... tests) {
        Collection<String> problems = new LinkedHashSet<>();
        for (Class<?> test : tests) {
            if (checkQuoted(test.getSimpleName(), files.testSource(test), problems) == 0) {
                problems.add(test.getSimpleName() + " has no marked region");
            }
        }
        fail(problems);
    }

    /**
     * Asserts, as {@link #assertQuoted(Class...)} does for test classes, that every marked region of the sources is
     * quoted by the files its marker names, and that the sources mark at least one region between them: for the
     * sources of a program the tests compile on their own, not all of which need be quoted.
     *
     * @param sources the sources, relative to this module's directory or absolute
     * @throws AssertionError listing every region that no block of its file quotes
     */
    public void assertSourcesQuoted(List<Path> sources) {
        Collection<String> problems = new LinkedHashSet<>();
        int regions = 0;
        for (Path source : sources) {
            regions += checkQuoted(source.getFileName().toString().replaceFirst("\\.java$", ""), source, problems);
        }
        if (regions == 0) {
            problems.add("none of " + sources + " has a marked region");
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
        List<Region> regions = files.testSources().stream().flatMap(f -> regionsOf(f).stream()).toList();
        Collection<String> problems = new LinkedHashSet<>();
        for (String file : files.mainSources()) {
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
            String file = files.mainSource(type);
            if (codeBlocks(file, new ArrayList<>()).isEmpty()) {
                problems.add(file + " shows no javadoc example");
            }
        }
        fail(problems);
    }

    /** Checks the regions of a source; returns how many it marks. */
    private int checkQuoted(String name, Path source, Collection<String> problems) {
        List<Region> regions = regionsOf(source);
        String text = "\n" + files.read(source);
        for (Region region : regions) {
            if (!files.exists(region.file())) {
                problems.add(String.format("%s '%s' names %s, which does not exist", name, region.name(),
                        region.file()));
                continue;
            }
            List<String> blocks = codeBlocks(region.file(), problems);
            if (blocks.contains(region.code())) {
                continue;
            }
            List<String> withImports = blocks.stream().filter(b -> !region.file().endsWith(".java")
                    && CodeBlocks.afterImports(b).equals(region.code())).toList();
            if (withImports.isEmpty()) {
                problems.add(String.format("no code block of %s quotes %s '%s':%n%s", region.file(), name,
                        region.name(), region.code()));
            }
            for (String line : withImports.stream().flatMap(b -> CodeBlocks.imports(b).stream()).toList()) {
                if (!text.contains("\n" + line + "\n")) {
                    problems.add(String.format("the block of %s quoting %s '%s' has '%s', which %s does not import",
                            region.file(), name, region.name(), line, name));
                } else if (!CodeBlocks.usedBy(line, region.code())) {
                    problems.add(String.format("the block of %s quoting %s '%s' has '%s', which the region does"
                            + " not use", region.file(), name, region.name(), line));
                }
            }
        }
        return regions.size();
    }

    private List<Region> regionsOf(Path source) {
        Matcher region = REGION.matcher(files.read(source));
        List<Region> regions = new ArrayList<>();
        while (region.find()) {
            for (String file : region.group(1).split(", ")) {
                regions.add(new Region(file, region.group(2), CodeBlocks.dedent(region.group(3))));
            }
        }
        return regions;
    }

    /** The code blocks of a page or a main source; a javadoc example that cannot be read is a problem. */
    private List<String> codeBlocks(String file, Collection<String> problems) {
        String text = read(file);
        if (!file.endsWith(".java")) {
            return CodeBlocks.fenced(text, "java");
        }
        List<String> blocks = CodeBlocks.javadoc(text);
        int openings = CodeBlocks.javadocOpenings(text);
        if (openings != blocks.size()) {
            problems.add(String.format("%s: %d of its %d javadoc examples do not open with a line ending in '%s'"
                    + " and close with a line '* }</pre>'", file, openings - blocks.size(), openings,
                    CodeBlocks.JAVADOC_OPENING));
        }
        return blocks;
    }

    private static void fail(Collection<String> problems) {
        if (!problems.isEmpty()) {
            throw new AssertionError(problems.size() + " doc example(s) out of step with their tests:\n- "
                    + String.join("\n- ", problems));
        }
    }
}
