package io.maskpipe.doccheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The check on a small repository written for each test: module {@code lib} with a javadoc example, module
 * {@code app} whose test (this class's name, so {@link DocSnippets#regions} finds it) runs it, and a page.
 */
class DocSnippetsTest {
    private static final String TYPE = "lib/src/main/java/io/maskpipe/doccheck/DocSnippets.java";
    private static final String TEST = "src/test/java/io/maskpipe/doccheck/DocSnippetsTest.java";
    private static final String RUN = """
            Masker hmac = Maskers.hmac(keyring);
            String mask = hmac.mask("10.0.0.1", context);
            """;

    @TempDir
    Path root;

    @Test
    void assertJavadocExamplesQuoted_blockCopiedFromARegionOfAnotherModule_passes() throws IOException {
        write(TYPE, javadoc(RUN));
        write("app/" + TEST, test(TYPE, RUN));

        assertThatCode(() -> DocSnippets.of(root, "lib").assertJavadocExamplesQuoted(DocSnippets.class))
                .doesNotThrowAnyException();
    }

    @Test
    void assertJavadocExamplesQuoted_blockDriftedFromItsRegion_failsShowingBoth() throws IOException {
        write(TYPE, javadoc(RUN.replace("10.0.0.1", "10.0.0.2")));
        write("app/" + TEST, test(TYPE, RUN));

        assertThatThrownBy(() -> DocSnippets.of(root, "lib").assertJavadocExamplesQuoted())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("javadoc example of " + TYPE + " is no test region marked with its path")
                .hasMessageContaining("hmac.mask(\"10.0.0.2\", context)")
                .hasMessageContaining("region 'example' marked " + TYPE + " is quoted by no javadoc example")
                .hasMessageContaining("hmac.mask(\"10.0.0.1\", context)");
    }

    @Test
    void assertJavadocExamplesQuoted_exampleNoTestRuns_fails() throws IOException {
        write(TYPE, javadoc(RUN));

        assertThatThrownBy(() -> DocSnippets.of(root, "lib").assertJavadocExamplesQuoted())
                .hasMessageContaining("javadoc example of " + TYPE + " is no test region");
    }

    @Test
    void assertJavadocExamplesQuoted_typeWithoutExample_failsNamingIt() throws IOException {
        write(TYPE, "/** No example. */\npublic final class DocSnippets {\n}\n");

        assertThatThrownBy(() -> DocSnippets.of(root, "lib").assertJavadocExamplesQuoted(DocSnippets.class))
                .hasMessageContaining(TYPE + " shows no javadoc example");
    }

    @Test
    void assertJavadocExamplesQuoted_exampleOnOneLine_failsAsUnread() throws IOException {
        write(TYPE, "/**\n * <pre>{@code Masker m = Maskers.redact();}</pre>\n */\n"
                + "public final class DocSnippets {\n}\n");

        assertThatThrownBy(() -> DocSnippets.of(root, "lib").assertJavadocExamplesQuoted())
                .hasMessageContaining(TYPE + ": 1 of its 1 javadoc examples do not open with a line");
    }

    @Test
    void assertQuoted_regionEqualToAnIndentedPageBlock_passes() throws IOException {
        write("docs/page.md", "# Page\n\n1. Step:\n   ```java\n" + RUN.indent(3) + "   ```\n");
        write("app/" + TEST, test("docs/page.md", RUN));

        assertThat(DocSnippets.of(root, "app").regions(DocSnippetsTest.class)).singleElement()
                .isEqualTo(new DocSnippets.Region("docs/page.md", "example", RUN));
        assertThatCode(() -> DocSnippets.of(root, "app").assertQuoted(DocSnippetsTest.class))
                .doesNotThrowAnyException();
    }

    @Test
    void assertQuoted_pageBlockDrifted_failsNamingTheRegion() throws IOException {
        write("docs/page.md", "```java\n" + RUN.replace("hmac(", "tokenize(") + "```\n");
        write("app/" + TEST, test("docs/page.md", RUN));

        assertThatThrownBy(() -> DocSnippets.of(root, "app").assertQuoted(DocSnippetsTest.class))
                .hasMessageContaining("no code block of docs/page.md quotes DocSnippetsTest 'example'");
    }

    @Test
    void assertQuoted_regionNamingAMissingFileOrNoRegion_fails() throws IOException {
        write("app/" + TEST, test("docs/gone.md", RUN));
        assertThatThrownBy(() -> DocSnippets.of(root, "app").assertQuoted(DocSnippetsTest.class))
                .hasMessageContaining("DocSnippetsTest 'example' names docs/gone.md, which does not exist");

        write("app/" + TEST, "class DocSnippetsTest {\n}\n");
        assertThatThrownBy(() -> DocSnippets.of(root, "app").assertQuoted(DocSnippetsTest.class))
                .hasMessageContaining("DocSnippetsTest has no marked region");
    }

    @Test
    void assertQuoted_regionMarkedForAPageAndAJavadoc_checksBoth() throws IOException {
        write("docs/page.md", "```java\n" + RUN + "```\n");
        write(TYPE, javadoc(RUN.replace("10.0.0.1", "10.0.0.2")));
        write("app/" + TEST, test("docs/page.md, " + TYPE, RUN));

        assertThat(DocSnippets.of(root, "app").regions(DocSnippetsTest.class)).extracting(DocSnippets.Region::file)
                .containsExactly("docs/page.md", TYPE);
        assertThatThrownBy(() -> DocSnippets.of(root, "app").assertQuoted(DocSnippetsTest.class))
                .hasMessageStartingWith("1 doc example(s)")
                .hasMessageContaining("no code block of " + TYPE + " quotes DocSnippetsTest 'example'");
        write(TYPE, javadoc(RUN));
        assertThatCode(() -> DocSnippets.of(root, "lib").assertJavadocExamplesQuoted(DocSnippets.class))
                .doesNotThrowAnyException();
    }

    @Test
    void assertQuoted_pageBlockOpeningWithTheTestsImports_passesAndChecksEachImport() throws IOException {
        String imports = "import io.maskpipe.core.Maskers;\nimport io.maskpipe.core.Masker;\n\n";
        write("docs/page.md", "```java\n" + imports + RUN + "```\n");
        write("app/" + TEST, imports + test("docs/page.md", RUN));
        assertThatCode(() -> DocSnippets.of(root, "app").assertQuoted(DocSnippetsTest.class))
                .doesNotThrowAnyException();

        String list = "import java.util.List;\n";
        write("docs/page.md", "```java\n" + list + "import io.maskpipe.core.Masker;\n\n" + RUN + "```\n");
        write("app/" + TEST, list + imports + test("docs/page.md", RUN));
        assertThatThrownBy(() -> DocSnippets.of(root, "app").assertQuoted(DocSnippetsTest.class))
                .hasMessageContaining("has 'import java.util.List;', which the region does not use");
        write("app/" + TEST, test("docs/page.md", RUN));
        assertThatThrownBy(() -> DocSnippets.of(root, "app").assertQuoted(DocSnippetsTest.class))
                .hasMessageContaining("has 'import io.maskpipe.core.Masker;', which DocSnippetsTest does not import");
    }

    @Test
    void assertSourcesQuoted_programSources_checkedTogetherAsATestIs() throws IOException {
        write("docs/page.md", "```java\n" + RUN + "```\n");
        write("app/src/test/program/App.java", test("docs/page.md", RUN));
        write("app/src/test/program/Other.java", "class Other {\n}\n");

        DocSnippets app = DocSnippets.of(root, "app");

        assertThatCode(() -> app.assertSourcesQuoted(List.of(Path.of("src/test/program/App.java"))))
                .doesNotThrowAnyException();
        assertThatCode(() -> app.assertSourcesQuoted(List.of(Path.of("src/test/program/App.java"),
                Path.of("src/test/program/Other.java")))).doesNotThrowAnyException();
        assertThatThrownBy(() -> app.assertSourcesQuoted(List.of(root.resolve("app/src/test/program/Other.java"))))
                .hasMessageContaining("Other.java] has a marked region");
    }

    @Test
    void block_oneBlockOfTheLanguageHoldsTheText_returnsItDedented() throws IOException {
        write("docs/page.md", "```sql\nSELECT 1;\n```\n\n1. Then:\n   ```sql\n   DELETE FROM t;\n   ```\n"
                + "```java\nDELETE\n```\n");
        DocSnippets docs = DocSnippets.of(root, "app");

        assertThat(docs.block("docs/page.md", "sql", "DELETE")).isEqualTo("DELETE FROM t;\n");
        assertThatThrownBy(() -> docs.block("docs/page.md", "sql", "UPDATE")).isInstanceOf(AssertionError.class)
                .hasMessage("0 ```sql blocks of docs/page.md contain 'UPDATE', not 1");
        assertThatThrownBy(() -> docs.block("docs/page.md", "sql", ";"))
                .hasMessage("2 ```sql blocks of docs/page.md contain ';', not 1");
    }

    @Test
    void table_underAHeading_givesItsRowsWithoutHeaderAndRule() throws IOException {
        write("docs/page.md", "# Page\n\n## Meters\n\nText.\n\n| name | type |\n|---|---|\n| `a` | counter |\n"
                + "| `b` | gauge |\n\nAfter.\n\n| x |\n|---|\n| y |\n");
        DocSnippets docs = DocSnippets.of(root, "app");

        assertThat(docs.table("docs/page.md", "## Meters")).containsExactly(List.of("`a`", "counter"),
                List.of("`b`", "gauge"));
        assertThatThrownBy(() -> docs.table("docs/page.md", "## Timers")).isInstanceOf(AssertionError.class)
                .hasMessage("docs/page.md has no heading '## Timers'");
    }

    @Test
    void forThisModule_underSurefire_readsTheRepository() {
        DocSnippets docs = DocSnippets.forThisModule();

        assertThat(docs.read("pom.xml")).contains("<module>doc-check</module>");
        assertThat(docs.read("doc-check/" + TEST)).contains("class DocSnippetsTest");
    }

    private void write(String file, String text) throws IOException {
        Path path = root.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, text);
    }

    private static String javadoc(String code) {
        return "/**\n * Masks.\n *\n * <pre>{@code\n" + code.indent(1).lines().map(l -> " *" + l + "\n")
                .reduce("", String::concat) + " * }</pre>\n */\npublic final class DocSnippets {\n}\n";
    }

    private static String test(String file, String code) {
        return "class DocSnippetsTest {\n    void run() {\n        // --- " + file + ": example ---\n"
                + code.indent(8) + "        // --- end ---\n    }\n}\n";
    }
}
