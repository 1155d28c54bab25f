package io.maskpipe.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Builder validation, each message word for word; nothing here connects. */
class PostgresSinkBuilderTest {
    private static final String URL = "jdbc:postgresql://localhost/app";

    @Test
    void build_noConnection_fails() {
        assertThatThrownBy(() -> PostgresSink.into("t").column("a", "a").build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("no connection: give dataSource(...), jdbi(...) or url(...)");
    }

    @Test
    void build_noColumn_fails() {
        assertThatThrownBy(() -> PostgresSink.into("t").url(URL).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("no column mapped: give at least one column(...)");
    }

    @Test
    void builder_connectionTwice_fails() {
        assertThatThrownBy(() -> PostgresSink.into("t").url(URL).url(URL))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("url(...): a connection source is given already");
    }

    @Test
    void builder_settingTwice_fails() {
        assertThatThrownBy(() -> PostgresSink.into("t").copyThreshold(5).copyThreshold(6))
                .isInstanceOf(IllegalStateException.class).hasMessage("copyThreshold(...) is given twice");
    }

    @Test
    void builder_columnTwice_fails() {
        assertThatThrownBy(() -> PostgresSink.into("t").column("a", "a").column("a", "b"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("column \"a\" is mapped twice");
    }

    @Test
    void builder_unsupportedDeclaredType_fails() {
        assertThatThrownBy(() -> PostgresSink.into("t").column("a", "a", "varchar(10); DROP TABLE t"))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("column \"a\": type 'varchar(10); DROP "
                        + "TABLE t' is not supported (supported: text, varchar(n), char(n), smallint, integer, "
                        + "bigint, numeric, numeric(p,s), boolean, date, timestamptz, uuid, jsonb)");
    }

    @Test
    void builder_identifierTooLong_fails() {
        assertThatThrownBy(() -> PostgresSink.into("t".repeat(64))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("table: longer than 63 bytes, which PostgreSQL would truncate");
    }

    @Test
    void builder_notAPostgresUrl_failsWithoutEchoingIt() {
        assertThatThrownBy(() -> PostgresSink.into("t").url("jdbc:mysql://secret@host/db"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("url: not a PostgreSQL JDBC URL (jdbc:postgresql://host/db)");
    }

    @Test
    void build_createTableWithoutDeclaredType_fails() {
        assertThatThrownBy(() -> PostgresSink.into("t").url(URL).createTableIfMissing().column("ip", "ip").build())
                .isInstanceOf(IllegalStateException.class).hasMessage("createTableIfMissing(): column \"ip\" needs "
                        + "a declared type, as in column(\"ip\", \"field\", \"varchar(256)\")");
    }

    @Test
    void toString_showsTableAndColumnCount() {
        assertThat(PostgresSink.into("user_logins").schema("app").url(URL).column("a", "a").build())
                .hasToString("PostgresSink[\"app\".\"user_logins\", 1 columns]");
    }
}
