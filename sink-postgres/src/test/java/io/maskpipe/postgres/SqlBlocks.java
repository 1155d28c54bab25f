package io.maskpipe.postgres;

import io.maskpipe.doccheck.DocSnippets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SQL the pages show, read so that tests run it as written (STYLE.md section 9): the blocks come from the shared
 * {@link DocSnippets}; this adds what only this module's pages have, psql's {@code :'name'} variables.
 */
final class SqlBlocks {
    private static final DocSnippets DOCS = DocSnippets.forThisModule();
    private static final Pattern PSQL_VARIABLE = Pattern.compile("(?<!:):'([A-Za-z_][A-Za-z0-9_]*)'");

    private SqlBlocks() {
    }

    /** Returns the one {@code ```sql} block of a page that contains the given text. */
    static String sqlBlock(String page, String containing) {
        return DOCS.block(page, "sql", containing);
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
}
