package io.maskpipe.doccheck;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The text work of {@link DocSnippets}: code blocks of pages and javadoc, tables, imports, indentation. */
final class CodeBlocks {
    static final String JAVADOC_OPENING = "<pre>{@code";
    private static final Pattern JAVADOC_BLOCK = Pattern.compile("<pre>\\{@code\\n(.*?)^[ \\t]*\\* \\}</pre>",
            Pattern.DOTALL | Pattern.MULTILINE);
    private static final Pattern IMPORTS = Pattern.compile("\\A((?:import [\\w.]+;\\n)+)\\n");

    private CodeBlocks() {
    }

    /** The fenced blocks of a page in a language, fences indented or not, each with its indentation removed. */
    static List<String> fenced(String page, String language) {
        Matcher block = Pattern.compile("(?m)^([ \\t]*)```" + Pattern.quote(language) + "\\n(.*?)^\\1```$",
                Pattern.DOTALL).matcher(page);
        List<String> blocks = new ArrayList<>();
        while (block.find()) {
            blocks.add(dedent(block.group(2)));
        }
        return blocks;
    }

    /** The {@code <pre>{@code ...}</pre>} blocks of a source's javadoc, without the leading {@code *}s. */
    static List<String> javadoc(String source) {
        Matcher block = JAVADOC_BLOCK.matcher(source);
        List<String> blocks = new ArrayList<>();
        while (block.find()) {
            blocks.add(dedent(block.group(1).replaceAll("(?m)^[ \\t]*\\* ?", "")));
        }
        return blocks;
    }

    /** How many javadoc examples a source opens, read or not. */
    static int javadocOpenings(String source) {
        return source.split(Pattern.quote(JAVADOC_OPENING), -1).length - 1;
    }

    /** A block's code after the import lines it opens with and the blank line after them; all of it if none. */
    static String afterImports(String block) {
        Matcher imports = IMPORTS.matcher(block);
        return imports.lookingAt() ? block.substring(imports.end()) : block;
    }

    /** The import lines a block opens with, if it opens with any followed by a blank line. */
    static List<String> imports(String block) {
        Matcher imports = IMPORTS.matcher(block);
        return imports.lookingAt() ? imports.group(1).lines().toList() : List.of();
    }

    /** Whether an import line names a type that the code uses. */
    static boolean usedBy(String importLine, String code) {
        String type = importLine.substring(importLine.lastIndexOf('.') + 1, importLine.length() - 1);
        return Pattern.compile("\\b" + Pattern.quote(type) + "\\b").matcher(code).find();
    }

    /** The rows of the first table under a page's heading, cells trimmed, header and rule left out. */
    static List<List<String>> table(String page, String heading) {
        int start = page.indexOf("\n" + heading + "\n");
        if (start < 0) {
            return null;
        }
        List<List<String>> rows = new ArrayList<>();
        boolean inTable = false;
        for (String line : page.substring(start + heading.length() + 2).lines().toList()) {
            if (line.startsWith("#") || !line.startsWith("|") && inTable) {
                break;
            }
            if (line.startsWith("|")) {
                inTable = true;
                List<String> cells = Stream.of(line.substring(1, line.length() - 1).split("\\|"))
                        .map(String::strip).toList();
                if (!cells.get(0).startsWith("---")) {
                    rows.add(cells);
                }
            }
        }
        return rows.isEmpty() ? rows : List.copyOf(rows.subList(1, rows.size()));
    }

    static String dedent(String text) {
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
