package io.maskpipe.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskpipe.core.spi.ConnectorException.Kind;
import io.maskpipe.doccheck.DocSnippets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The SQLSTATE table of docs/postgres.md, row by row. */
class SqlStatesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            // transient: the same batch may succeed later
            "08000, TRANSIENT", "08001, TRANSIENT", "08003, TRANSIENT", "08006, TRANSIENT", "08P01, TRANSIENT",
            "25006, TRANSIENT", "25P03, TRANSIENT", "40001, TRANSIENT", "40P01, TRANSIENT", "40003, TRANSIENT",
            "53000, TRANSIENT", "53100, TRANSIENT", "53200, TRANSIENT", "53300, TRANSIENT", "53400, TRANSIENT",
            "55P03, TRANSIENT", "55006, TRANSIENT", "57014, TRANSIENT", "57P01, TRANSIENT", "57P02, TRANSIENT",
            "57P03, TRANSIENT", "57P04, TRANSIENT", "57P05, TRANSIENT", "58000, TRANSIENT", "58030, TRANSIENT",
            "XX000, TRANSIENT", "XX001, TRANSIENT", "ZZ999, TRANSIENT", "'', TRANSIENT", "26000, TRANSIENT",
            // the row's own data: isolate and dead-letter the row
            "22001, DATA", "22003, DATA", "22P02, DATA", "22007, DATA", "23502, DATA", "23503, DATA", "23505, DATA",
            "23514, DATA", "23P01, DATA", "P0001, DATA", "P0004, DATA", "44000, DATA", "54000, DATA",
            // the setup: stop the run, leave every message on the queue
            "42501, SETUP", "42P01, SETUP", "42703, SETUP", "42804, SETUP", "42883, SETUP", "28000, SETUP",
            "28P01, SETUP", "3D000, SETUP", "3F000, SETUP", "0A000, SETUP", "54001, SETUP", "54011, SETUP"})
    void kindOf_sqlState_isTheDocumentedKind(String state, Kind kind) {
        assertThat(SqlStates.kindOf(new SQLException("text", state.isEmpty() ? null : state))).isEqualTo(kind);
    }

    @Test
    void docsTable_everyCodeItNames_isClassifiedAsItSays() {
        Pattern row = Pattern.compile("(?m)^\\| (.+?) \\| .+? \\| (transient|data|setup) \\| .+\\|$");
        Pattern code = Pattern.compile("`([0-9A-Z]{2}(?:[0-9A-Z]{3})?)`");
        List<String> checked = new ArrayList<>();
        Matcher rows = row.matcher(DocSnippets.forThisModule().read("docs/postgres.md"));
        while (rows.find()) {
            String codes = rows.group(1).replaceAll("\\(.*?\\)", "");
            Kind kind = Kind.valueOf(rows.group(2).toUpperCase(Locale.ROOT));
            for (Matcher m = code.matcher(codes); m.find(); ) {
                String state = m.group(1).length() == 2 ? m.group(1) + "000" : m.group(1);
                assertThat(SqlStates.kindOf(state)).as("docs/postgres.md says %s is %s", state, kind)
                        .isEqualTo(kind);
                checked.add(state);
            }
        }
        assertThat(checked).contains("08000", "25006", "55P03", "57014", "22000", "23000", "P0001", "42000",
                "28000", "0A000");
    }

    @ParameterizedTest(name = "{0} retires: {1}")
    @CsvSource({"08006, true", "57P01, true", "57P05, true", "25006, true", "25P03, true", "40001, false",
            "55P03, false", "57014, false", "23505, false", "42501, false"})
    void retiresConnection_sqlState_onlyForBrokenOrReadOnlyConnections(String state, boolean retires) {
        assertThat(SqlStates.retiresConnection(new SQLException("text", state))).isEqualTo(retires);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"42501", "42P01", "42703", "42804", "28P01", "3D000", "3F000", "0A000"})
    void fixOrNull_setupState_namesWhatToFix(String state) {
        assertThat(SqlStates.fixOrNull(state)).isNotBlank();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"25006", "55P03", "23505", "XX000"})
    void fixOrNull_otherKinds_isNull(String state) {
        assertThat(SqlStates.fixOrNull(state)).isNull();
    }
}
