package io.maskpipe.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskpipe.core.record.Metadata;
import io.maskpipe.core.record.Record;
import io.maskpipe.core.record.Value;
import io.maskpipe.core.spi.ConnectorException.Kind;
import io.maskpipe.core.spi.SinkException;
import io.maskpipe.core.spi.WriteResult;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What open() finds in the live catalog: each mismatch word for word, quoted identifiers, every supported type. */
class PostgresSinkSchemaTest {
    @RegisterExtension
    static final TestDatabase database = new TestDatabase();

    @BeforeEach
    void freshTable() {
        UserLogins.recreate(database);
    }

    private static String table() {
        return "\"" + database.schema() + "\".\"user_logins\"";
    }

    private static void assertOpenFails(PostgresSink.Builder builder, String message) {
        try (PostgresSink sink = builder.build()) {
            assertThatThrownBy(sink::open).isInstanceOfSatisfying(SinkException.class,
                    e -> assertThat(e.kind()).isEqualTo(Kind.SETUP)).hasMessage(message);
        }
    }

    @Test
    void open_tableMissing_failsNamingIt() {
        database.execute("DROP TABLE user_logins");
        assertOpenFails(UserLogins.sink(database),
                "table " + table() + " does not exist; create it, or call createTableIfMissing()");
    }

    @Test
    void open_columnMissing_failsNamingIt() {
        assertOpenFails(UserLogins.sink(database).column("country", "country"),
                "table " + table() + " has no column \"country\"");
    }

    @Test
    void open_builtinIntoWrongType_failsNamingColumnAndType() {
        database.execute("ALTER TABLE user_logins ALTER COLUMN create_date TYPE integer USING 0");
        assertOpenFails(UserLogins.sink(database), "column \"create_date\" of table " + table()
                + " has type integer, which cannot take a date (the sent date)");
    }

    @Test
    void open_unsupportedType_failsListingSupportedTypes() {
        database.execute("ALTER TABLE user_logins ADD COLUMN spot point");
        assertOpenFails(UserLogins.sink(database).column("spot", "spot"), "column \"spot\" of table " + table()
                + " has type point, which the sink cannot write (supported: text, varchar(n), char(n), smallint, "
                + "integer, bigint, numeric, numeric(p,s), boolean, date, timestamptz, uuid, jsonb)");
    }

    @Test
    void open_declaredTypeDiffers_failsNamingBoth() {
        assertOpenFails(PostgresSink.into("user_logins").url(database.url()).column("locale", "locale",
                "varchar(64)"), "column \"locale\" of table " + table()
                        + " has type varchar(32), but the mapping declares varchar(64)");
    }

    @Test
    void open_unmappedNotNullColumn_fails() {
        database.execute("ALTER TABLE user_logins ADD COLUMN tenant text NOT NULL");
        assertOpenFails(UserLogins.sink(database), "column \"tenant\" of table " + table()
                + " is NOT NULL without a default, but no mapping fills it");
    }

    @Test
    void open_createTableIfMissing_createsFromDeclaredTypes() {
        try (PostgresSink sink = PostgresSink.into("user logins \"v2\"").url(database.url()).createTableIfMissing()
                .column("masked ip", "ip", "varchar(256)")
                .column("app_version", Columns.versionNumber("app_version"))
                .column("create_date", Columns.sentDate()).build()) {
            assertThat(sink.write(List.of(UserLogins.login("q1")))).containsExactly(WriteResult.written());
        }
        assertThat(database.query("SELECT \"masked ip\", app_version, create_date FROM \"user logins \"\"v2\"\"\""))
                .containsExactly(List.of("k1:ip-q1", "2003000", "2026-01-01"));
        assertThat(database.query("SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = "
                + "'\"user logins \"\"v2\"\"\"'::regclass AND attnum > 0 ORDER BY attnum"))
                .containsExactly(List.of("character varying(256)"), List.of("integer"), List.of("date"));
    }

    @Test
    void write_everySupportedType_roundTrips() {
        database.execute("""
                CREATE TABLE all_types (t text, v varchar(8), c char(3), s smallint, i integer, b bigint,
                    n numeric(6,2), nu numeric, bo boolean, d date, ts timestamptz, u uuid, j jsonb)""");
        UUID uuid = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
        Record record = Record.builder()
                .put("t", "tab\there \\ and\nnewline")
                .put("v", "short")
                .put("c", "ab")
                .put("s", -32768)
                .put("i", "2147483647")
                .put("b", Long.MAX_VALUE)
                .put("n", Value.of(new BigDecimal("1234.565")))
                .put("nu", Value.of(new BigDecimal("-0.000001")))
                .put("bo", true)
                .put("d", "2024-02-29")
                .put("ts", "2026-01-31T12:00:00.123456+01:00")
                .put("u", uuid.toString().toUpperCase())
                .put("j", Record.of(Map.of("k", List.of(1, "two", Map.of()))))
                .metadata(Metadata.of(Map.of(Metadata.MESSAGE_ID, "all-1")))
                .build();
        PostgresSink.Builder builder = PostgresSink.into("all_types").url(database.url()).copyThreshold(2);
        for (String column : List.of("t", "v", "c", "s", "i", "b", "n", "nu", "bo", "d", "ts", "u", "j")) {
            builder.column(column, column);
        }
        Record second = record.withMetadata(Metadata.of(Map.of(Metadata.MESSAGE_ID, "all-2")))
                .with("ts", Value.of(Instant.parse("2026-01-31T11:00:00.123456Z").toString()));
        try (PostgresSink sink = builder.build()) {
            assertThat(sink.write(List.of(record))).containsExactly(WriteResult.written()); // unnest
            assertThat(sink.write(List.of(second, record))).containsExactly(WriteResult.written(),
                    WriteResult.duplicate()); // COPY
        }
        List<String> expected = List.of("tab\there \\ and\nnewline", "short", "ab ", "-32768", "2147483647",
                "9223372036854775807", "1234.57", "-0.000001", "t", "2024-02-29", "2026-01-31 11:00:00.123456",
                uuid.toString(), "{\"k\": [1, \"two\", {}]}");
        assertThat(database.query("SELECT t, v, c, s, i, b, n, nu, bo, d, ts AT TIME ZONE 'UTC', u, j "
                + "FROM all_types"))
                .containsExactly(expected, expected);
    }
}
