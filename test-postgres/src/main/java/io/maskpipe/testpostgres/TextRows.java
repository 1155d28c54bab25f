package io.maskpipe.testpostgres;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The rows of a query's result as the tests compare them: each column as text, {@code null} for SQL NULL. */
public final class TextRows {
    private TextRows() {
    }

    /**
     * Reads every remaining row of a result.
     *
     * @param resultSet the result, positioned before its first row to read; the caller closes it
     * @return the rows in the result's order, each a list of its columns' text ({@code null} for SQL NULL)
     * @throws SQLException if the result cannot be read
     */
    public static List<List<String>> read(ResultSet resultSet) throws SQLException {
        List<List<String>> rows = new ArrayList<>();
        int width = resultSet.getMetaData().getColumnCount();
        while (resultSet.next()) {
            List<String> row = new ArrayList<>(width);
            for (int c = 1; c <= width; c++) {
                row.add(resultSet.getString(c));
            }
            rows.add(row);
        }
        return rows;
    }
}
