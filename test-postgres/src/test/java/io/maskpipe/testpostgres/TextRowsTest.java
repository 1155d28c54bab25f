package io.maskpipe.testpostgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextRowsTest {
    @Test
    void read_rowsWithNulls_returnsEachColumnAsTextInOrder() throws SQLException {
        String url = TestPostgres.sharedUrl(TestPostgresTest.MAX_CONNECTIONS);

        List<List<String>> rows = TestPostgresTest.query(url, "SELECT n, t, d FROM (VALUES "
                + "(1, 'a', DATE '2026-01-02'), (2, NULL, NULL)) AS v(n, t, d) ORDER BY n");

        assertThat(rows).containsExactly(List.of("1", "a", "2026-01-02"), Arrays.asList("2", null, null));
    }

    @Test
    void read_noRows_returnsAnEmptyList() throws SQLException {
        String url = TestPostgres.sharedUrl(TestPostgresTest.MAX_CONNECTIONS);

        assertThat(TestPostgresTest.query(url, "SELECT 1 WHERE false")).isEmpty();
    }
}
