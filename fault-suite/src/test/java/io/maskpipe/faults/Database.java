package io.maskpipe.faults;

import io.maskpipe.testpostgres.TextRows;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/** Plain JDBC on one database of the test server, for setting up faults and reading what the pipeline stored. */
record Database(String url) {

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url);
    }

    /** Runs one or more statements (separated by semicolons) in autocommit. */
    void execute(String sql) {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("test SQL failed: SQLSTATE " + e.getSQLState() + ": " + e.getMessage()
                    + " in: " + sql, e);
        }
    }

    /** Runs a query and returns its rows, each column as text ({@code null} for SQL NULL). */
    List<List<String>> query(String sql) {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet resultSet = statement.executeQuery(sql)) {
            return TextRows.read(resultSet);
        } catch (SQLException e) {
            throw new IllegalStateException("test query failed: SQLSTATE " + e.getSQLState() + " in: " + sql, e);
        }
    }

    long count(String sql) {
        return Long.parseLong(query(sql).get(0).get(0));
    }
}
