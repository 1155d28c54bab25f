package io.maskpipe.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskpipe.core.record.ReasonCode;
import io.maskpipe.core.record.Record;
import io.maskpipe.core.spi.WriteResult;
import io.maskpipe.doccheck.DocSnippets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The examples of docs/postgres.md and of the javadoc of {@link PostgresSink} and {@link Columns}, compiled and run;
 * each marked region is quoted word for word by the file it names, which {@link #examples_areQuotedWordForWord}
 * checks, and every javadoc example of the module must be such a quote
 * ({@link #javadocExamples_everyBlock_isCopiedFromAMarkedRegion}).
 */
class PostgresSinkExamplesTest {
    @RegisterExtension
    static final TestDatabase database = new TestDatabase();

    private static final DocSnippets DOCS = DocSnippets.forThisModule();

    @BeforeEach
    void freshTable() {
        UserLogins.recreate(database);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(classes = {PostgresSinkExamplesTest.class, AnalystQueriesTest.class})
    void examples_areQuotedWordForWord(Class<?> test) {
        DOCS.assertQuoted(test);
    }

    @Test
    void javadocExamples_everyBlock_isCopiedFromAMarkedRegion() {
        DOCS.assertJavadocExamplesQuoted(PostgresSink.class, Columns.class);
    }

    @Test
    void mapping_userLogins_writesTheWorkedExample() {
        String url = database.urlWithoutCredentials();
        String user = database.user();
        String password = database.password();
        String schema = database.schema();
        // --- docs/postgres.md: mapping ---
        PostgresSink sink = PostgresSink.into("user_logins")         // table, quoted by the sink
                .url(url, user, password)                              // or .dataSource(pool) or .jdbi(jdbi)
                .schema(schema)                                        // optional: default is current_schema()
                .column("user_id", "user_id")                          // column, record field
                .column("device_type", "device_type")
                .column("masked_ip", "ip")
                .column("masked_device_id", "device_id")
                .column("locale", "locale")
                .column("app_version", Columns.versionNumber("app_version"))
                .column("create_date", Columns.sentDate())
                .build();
        // --- end ---
        try (sink) {
            assertThat(sink.write(List.of(UserLogins.login("e1", "en_US", "0.96"),
                    UserLogins.login("e2", "en_US", "2.3.0")))).containsOnly(WriteResult.written());
        }

        assertThat(database.query("SELECT user_id, device_type, masked_ip, masked_device_id, locale, app_version,"
                + " create_date FROM user_logins ORDER BY user_id")).containsExactly(
                        List.of("user-e1", "android", "k1:ip-e1", "k1:dev-e1", "en_US", "96000", "2026-01-01"),
                        List.of("user-e2", "android", "k1:ip-e2", "k1:dev-e2", "en_US", "2003000", "2026-01-01"));
        // docs/postgres.md: "Order by it and compare it like the versions: WHERE app_version >= 2003000"
        assertThat(database.query("SELECT user_id FROM user_logins WHERE app_version >= 2003000"))
                .containsExactly(List.of("user-e2"));
    }

    @Test
    void javadoc_dataSourceMapping_writesItsColumns() {
        DataSource dataSource = database.dataSource();
        // --- sink-postgres/src/main/java/io/maskpipe/postgres/PostgresSink.java: class javadoc ---
        PostgresSink sink = PostgresSink.into("user_logins")
                .dataSource(dataSource)
                .column("user_id", "user_id")
                .column("masked_ip", "ip")
                .column("app_version", Columns.versionNumber("app_version"))
                .column("create_date", Columns.sentDate())
                .build();
        // --- end ---
        try (sink) {
            assertThat(sink.write(List.of(UserLogins.login("j1")))).containsExactly(WriteResult.written());
        }

        assertThat(database.query("SELECT user_id, masked_ip, app_version, create_date, locale FROM user_logins"))
                .containsExactly(Arrays.asList("user-j1", "k1:ip-j1", "2003000", "2026-01-01", null));
    }

    @Test
    void javadoc_columns_writeEachBuiltIn() {
        database.execute("ALTER TABLE user_logins ADD COLUMN sent_at timestamptz, ADD COLUMN message_id text");
        DataSource dataSource = database.dataSource();
        // --- sink-postgres/src/main/java/io/maskpipe/postgres/Columns.java: built-ins ---
        PostgresSink sink = PostgresSink.into("user_logins")
                .dataSource(dataSource)
                .column("masked_ip", Columns.field("ip"))                      // the same as .column("masked_ip", "ip")
                .column("app_version", Columns.versionNumber("app_version"))   // "2.3.0" is 2003000, "0.96" 96000
                .column("create_date", Columns.sentDate())                     // the day it was sent, in UTC
                .column("sent_at", Columns.sentTimestamp())                    // the instant it was sent
                .column("message_id", Columns.messageId())                     // the queue's message id
                .build();
        // --- end ---
        try (sink) {
            assertThat(sink.write(List.of(UserLogins.login("m1")))).containsExactly(WriteResult.written());
        }

        assertThat(database.query("SELECT masked_ip, app_version, create_date, sent_at AT TIME ZONE 'UTC',"
                + " message_id FROM user_logins")).containsExactly(
                        List.of("k1:ip-m1", "2003000", "2026-01-01", "2026-01-01 00:00:00", "m1"));
    }

    @Test
    void customColumnValue_unknownCountry_rejectsWithTheRuleOnly() {
        database.execute("ALTER TABLE user_logins ADD COLUMN country char(2)");
        // --- docs/postgres.md: custom column value ---
        Set<String> countries = Set.of("DE", "FR", "US");
        ColumnValue country = record -> {
            String code = record.textOrNull("country");               // null when absent: SQL NULL
            if (code != null && !countries.contains(code)) {
                throw Columns.reject(ReasonCode.INVALID_VALUE, "not a known country");
            }
            return code;
        };
        // --- end ---
        try (PostgresSink sink = UserLogins.sink(database).column("country", country).build()) {
            List<WriteResult> results = sink.write(List.of(withCountry("c1", "FR"), withCountry("c2", "XX"),
                    UserLogins.login("c3")));

            assertThat(results.get(1).rejection()).hasValueSatisfying(rejection -> {
                assertThat(rejection.reason()).isEqualTo(ReasonCode.INVALID_VALUE);
                assertThat(rejection.message()).isEqualTo("column \"country\" char(2): not a known country");
            });
            assertThat(List.of(results.get(0), results.get(2))).containsOnly(WriteResult.written());
        }
        assertThat(database.query("SELECT user_id, country FROM user_logins ORDER BY user_id"))
                .containsExactly(List.of("user-c1", "FR"), Arrays.asList("user-c3", null));
    }

    private static Record withCountry(String messageId, String country) {
        return UserLogins.login(messageId).toBuilder().put("country", country).build();
    }

    @Test
    void createTableIfMissing_newTable_isCreatedFromTheDeclaredTypes() {
        DataSource dataSource = database.dataSource();
        // --- docs/postgres.md: create table ---
        PostgresSink sink = PostgresSink.into("logins_by_day")
                .dataSource(dataSource)
                .createTableIfMissing()                                // from the types below, at open()
                .column("masked_ip", "ip", "varchar(256)")
                .column("app_version", Columns.versionNumber("app_version"))   // integer
                .column("create_date", Columns.sentDate())                    // date
                .build();
        // --- end ---
        try (sink) {
            assertThat(sink.write(List.of(UserLogins.login("t1")))).containsExactly(WriteResult.written());
        }

        assertThat(database.query("SELECT attname, format_type(atttypid, atttypmod) FROM pg_attribute "
                + "WHERE attrelid = 'logins_by_day'::regclass AND attnum > 0 ORDER BY attnum")).containsExactly(
                        List.of("masked_ip", "character varying(256)"), List.of("app_version", "integer"),
                        List.of("create_date", "date"));
    }

    @Test
    void ledgerCleanup_deletesOnlyEntriesOlderThanTheRetention() {
        try (PostgresSink sink = UserLogins.sink(database).build()) {
            sink.write(List.of(UserLogins.login("old"), UserLogins.login("new")));
        }
        database.execute("UPDATE maskpipe_ledger SET written_at = now() - interval '16 days' "
                + "WHERE message_id = '" + UserLogins.ledgerId("old") + "'");

        database.execute(SqlBlocks.sqlBlock("docs/postgres.md", "DELETE FROM maskpipe_ledger"));

        assertThat(database.query("SELECT message_id FROM maskpipe_ledger"))
                .containsExactly(List.of(UserLogins.ledgerId("new").toString()));
    }
}
