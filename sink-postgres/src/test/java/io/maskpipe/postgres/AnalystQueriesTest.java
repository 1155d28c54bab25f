package io.maskpipe.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.maskpipe.core.HmacMasker;
import io.maskpipe.testing.InMemorySource;
import io.maskpipe.core.key.KeyId;
import io.maskpipe.core.key.Keyring;
import io.maskpipe.core.Maskers;
import io.maskpipe.core.record.Metadata;
import io.maskpipe.core.Pipeline;
import io.maskpipe.core.PipelineSummary;
import io.maskpipe.core.record.Record;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Runs the queries docs/masking.md and docs/postgres.md give analysts, read from the pages as written, on logins the
 * pipeline masked and wrote: duplicates group, and a known value is found by its mask computed in SQL with pgcrypto
 * from the exported subkey, equal to {@link HmacMasker}'s and to docs/format.md's independently computed vector.
 */
class AnalystQueriesTest {
    @RegisterExtension
    static final TestDatabase database = new TestDatabase();

    private static final String KNOWN_IP = "203.0.113.7";
    /** docs/format.md section 5, mask of ("ip", "203.0.113.7") under the TEST key, here with the key id k1. */
    private static final String KNOWN_IP_VECTOR = "k1:h4jAeS2T1f4gNSdMXarmhVlZOFyVEpRBcXP79LQ2neQ";
    private static final String NON_ASCII_DEVICE = "Gerät-Zoë-😀";
    private static final String LOOKUP_SQL = SqlBlocks.sqlBlock("docs/masking.md", "hmac(");

    /** The published TEST key of docs/format.md (bytes 00 to 1f) under the id the docs' queries use. */
    private static Keyring testKeyring() {
        return Keyring.of("k1", testKey());
    }

    private static byte[] testKey() {
        byte[] key = new byte[32];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) i;
        }
        return key;
    }

    /** A second key (bytes 20 to 3f), the new primary after a rotation. */
    private static byte[] otherKey() {
        byte[] key = new byte[32];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (0x20 + i);
        }
        return key;
    }

    /** The documented ways to compute a mask in SQL, each with the masker it matches. */
    enum Variant {
        DEFAULT(HmacMasker.builder(testKeyring()), sql -> sql),
        HEX(HmacMasker.builder(testKeyring()).encoding(HmacMasker.Encoding.HEX),
                // "For encoding(HEX) use 'k1:' || encode(hmac(...), 'hex')"
                sql -> sql.replace("rtrim(translate(encode(", "encode(")
                        .replace("'base64'), '+/', '-_'), '=')", "'hex')")),
        TRUNCATED_16(HmacMasker.builder(testKeyring()).truncateTo(16),
                // "for truncateTo(16) wrap the hmac(...) in substring(... from 1 for 16)"
                sql -> sql.replace("hmac(", "substring(hmac(").replace("'sha256')", "'sha256') from 1 for 16)"));

        final HmacMasker masker;
        final UnaryOperator<String> edit;

        Variant(HmacMasker.Builder masker, UnaryOperator<String> edit) {
            this.masker = masker.build();
            this.edit = edit;
        }
    }

    /**
     * Nine logins: 203.0.113.7 three times, 198.51.100.1 twice (one user), device dev-A shared by u1 and u2, and two
     * users without a device id (empty, and white space only), who must not look like one shared device.
     */
    private static void writeLoginsMaskedWith(HmacMasker masker) {
        UserLogins.recreate(database);
        write(masker, List.of(login(1, "u1", KNOWN_IP, "dev-A"), login(2, "u2", KNOWN_IP, "dev-A"),
                login(3, "u3", KNOWN_IP, "dev-B"), login(4, "u4", "198.51.100.1", "dev-C"),
                login(5, "u4", "198.51.100.1", "dev-C"), login(6, "u5", "2001:db8::1", NON_ASCII_DEVICE),
                login(7, "u6", "192.0.2.1", "dev-D"), login(8, "u7", "192.0.2.2", ""),
                login(9, "u8", "192.0.2.3", "  ")));
    }

    private static void write(HmacMasker masker, List<Record> logins) {
        try (PostgresSink sink = UserLogins.sink(database).build()) {
            PipelineSummary summary = Pipeline.from(InMemorySource.of(logins))
                    .mask("ip", masker)
                    .mask("device_id", masker)
                    .pollWait(Duration.ofMillis(20)) // the in-memory queue is drained at once
                    .to(sink)
                    .run();
            assertThat(summary.written()).isEqualTo(logins.size());
        }
    }

    private static Record login(int message, String userId, String ip, String deviceId) {
        return Record.builder().put("user_id", userId).put("device_type", "android").put("ip", ip)
                .put("device_id", deviceId).put("locale", "en_US").put("app_version", "2.3.0")
                .metadata(Metadata.of(Map.of(Metadata.MESSAGE_ID, "login-" + message,
                        Metadata.SENT_TIMESTAMP, UserLogins.SENT_MILLIS)))
                .build();
    }

    @Test
    void duplicateQueries_plantedRepeats_findRepeatedIpsAndTheSharedDevice() {
        HmacMasker masker = Maskers.hmac(testKeyring());
        writeLoginsMaskedWith(masker);
        List<String> queries = SqlBlocks.statements(SqlBlocks.sqlBlock("docs/postgres.md", "GROUP BY"));

        assertThat(queries).hasSize(2);
        assertThat(database.query(queries.get(0))).containsExactly(
                List.of(masker.mask(KNOWN_IP, "ip"), "3"), List.of(masker.mask("198.51.100.1", "ip"), "2"));
        assertThat(database.query(queries.get(1))).containsExactly(List.of(masker.mask("dev-A", "device_id"), "2"));
    }

    @Test
    void libraryLookup_knownIp_findsItsRows() throws SQLException {
        Keyring ring = testKeyring();
        writeLoginsMaskedWith(Maskers.hmac(ring));
        try (Connection connection = database.dataSource().getConnection()) {
            // --- docs/masking.md: library look-up ---
            HmacMasker masker = Maskers.hmac(ring);
            String mask = masker.mask("203.0.113.7", "ip");       // value, domain (the field's path by default)
            PreparedStatement query = connection.prepareStatement("SELECT * FROM user_logins WHERE masked_ip = ?");
            query.setString(1, mask);
            // --- end ---
            try (query; ResultSet rows = query.executeQuery()) {
                assertThat(column(rows, "user_id")).containsExactlyInAnyOrder("u1", "u2", "u3");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Variant.class)
    void pgcryptoLookup_knownIp_findsItsRowsByTheLibrarysMask(Variant variant) {
        writeLoginsMaskedWith(variant.masker);

        List<Map<String, String>> rows = lookUp(variant.edit.apply(LOOKUP_SQL), KNOWN_IP);

        assertThat(rows).extracting(row -> row.get("user_id")).containsExactlyInAnyOrder("u1", "u2", "u3");
        assertThat(rows).extracting(row -> row.get("masked_ip")).containsOnly(variant.masker.mask(KNOWN_IP, "ip"));
        if (variant == Variant.DEFAULT) {
            assertThat(rows.get(0).get("masked_ip")).isEqualTo(KNOWN_IP_VECTOR);
        }
    }

    @Test
    void duplicateQueries_blankDeviceIds_areNullNotASharedDevice() {
        writeLoginsMaskedWith(Maskers.hmac(testKeyring()));

        assertThat(database.query("SELECT user_id, masked_device_id FROM user_logins WHERE user_id IN ('u7', 'u8')"
                + " ORDER BY 1")).containsExactly(Arrays.asList("u7", null), Arrays.asList("u8", null));
    }

    @Test
    void libraryLookup_rowsWrittenUnderTwoKeys_findsEveryRowWithTheMasksUnderEveryKey() throws SQLException {
        Keyring before = testKeyring();
        Keyring ring = Keyring.builder().key("k1", testKey()).key("k2", otherKey()).primary("k2").build();
        UserLogins.recreate(database);
        write(Maskers.hmac(before), List.of(login(1, "u1", KNOWN_IP, "dev-A"), login(2, "u2", KNOWN_IP, "dev-B"),
                login(3, "u3", "192.0.2.1", "dev-C")));
        write(Maskers.hmac(ring), List.of(login(4, "u1", KNOWN_IP, "dev-A"), login(5, "u4", KNOWN_IP, "dev-D"),
                login(6, "u5", "192.0.2.1", "dev-E")));
        try (Connection connection = database.dataSource().getConnection()) {
            // --- docs/masking.md: look-up across a rotation ---
            HmacMasker masker = Maskers.hmac(ring);                              // k1:...,k2:...,primary=k2
            List<String> masks = masker.masksUnderEveryKey("203.0.113.7", "ip");  // [k2:..., k1:...]
            PreparedStatement query = connection.prepareStatement(
                    "SELECT * FROM user_logins WHERE masked_ip = ANY(?)");
            query.setArray(1, connection.createArrayOf("text", masks.toArray()));
            // --- end ---
            try (query; ResultSet rows = query.executeQuery()) {
                assertThat(column(rows, "user_id")).containsExactlyInAnyOrder("u1", "u2", "u1", "u4");
            }
            assertThat(masks).containsExactly(Maskers.hmac(ring).mask(KNOWN_IP, "ip"),
                    Maskers.hmac(before).mask(KNOWN_IP, "ip"));
            assertThat(masks.get(1)).isEqualTo(KNOWN_IP_VECTOR);
        }
        // The primary's mask alone finds only the rows written since the rotation, as docs/masking.md warns.
        assertThat(database.query("SELECT user_id FROM user_logins WHERE masked_ip = '"
                + Maskers.hmac(ring).mask(KNOWN_IP, "ip") + "' ORDER BY 1"))
                .containsExactly(List.of("u1"), List.of("u4"));
        // And the duplicate query sees one IP as two values, one per key.
        String repeatedIps = SqlBlocks.statements(SqlBlocks.sqlBlock("docs/postgres.md", "GROUP BY")).get(0);
        assertThat(database.query(repeatedIps)).containsExactlyInAnyOrder(
                List.of(Maskers.hmac(ring).mask(KNOWN_IP, "ip"), "2"), List.of(KNOWN_IP_VECTOR, "2"));
    }

    @Test
    void pgcryptoLookup_deviceIdAsTheDocsSay_findsANonAsciiValue() {
        HmacMasker masker = Maskers.hmac(testKeyring());
        writeLoginsMaskedWith(masker);
        // "For device ids, write 'device_id' and masked_device_id."
        String deviceLookup = LOOKUP_SQL.replace("'ip'", "'device_id'").replace("masked_ip", "masked_device_id");

        List<Map<String, String>> rows = lookUp(deviceLookup, NON_ASCII_DEVICE);

        assertThat(rows).extracting(row -> row.get("user_id")).containsExactly("u5");
        assertThat(rows.get(0).get("masked_device_id")).isEqualTo(masker.mask(NON_ASCII_DEVICE, "device_id"));
    }

    @Test
    void pgcryptoLookup_valueNeverSeen_findsNothing() {
        writeLoginsMaskedWith(Maskers.hmac(testKeyring()));

        assertThat(lookUp(LOOKUP_SQL, "192.0.2.99")).isEmpty();
    }

    @Test
    void docs_bothPagesShowTheSameLookup() {
        assertThat(SqlBlocks.sqlBlock("docs/postgres.md", "hmac(")).isEqualTo(LOOKUP_SQL);
    }

    /**
     * Runs a look-up block statement by statement as psql would, binding {@code :'value'} and {@code :'subkey_hex'},
     * and returns the last statement's rows. The session's search path is the test's schema and then public, as an
     * analyst's would find a pgcrypto installed there by an administrator.
     */
    private static List<Map<String, String>> lookUp(String block, String value) {
        assumePgcrypto();
        Keyring ring = testKeyring();
        // --- docs/masking.md: export subkey ---
        String subkeyHex = HexFormat.of().formatHex(HmacMasker.exportSubkeyInsecure(ring, KeyId.of("k1")));
        // --- end ---
        Map<String, String> variables = Map.of("value", value, "subkey_hex", subkeyHex);
        try (Connection connection = database.dataSource().getConnection()) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET search_path TO " + Sql.quote(database.schema()) + ", public");
            }
            List<Map<String, String>> rows = List.of();
            for (String psql : SqlBlocks.statements(block)) {
                SqlBlocks.Jdbc jdbc = SqlBlocks.Jdbc.fromPsql(psql);
                try (PreparedStatement statement = connection.prepareStatement(jdbc.sql())) {
                    for (int i = 0; i < jdbc.parameters().size(); i++) {
                        statement.setString(i + 1, variables.get(jdbc.parameters().get(i)));
                    }
                    rows = statement.execute() ? rows(statement.getResultSet()) : List.of();
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("look-up failed: SQLSTATE " + e.getSQLState(), e);
        }
    }

    private static void assumePgcrypto() {
        assumeTrue(database.query("SELECT count(*) FROM pg_available_extensions WHERE name = 'pgcrypto'")
                        .equals(List.of(List.of("1"))),
                "the test server has no pgcrypto (Debian ships it in the postgresql package, zonky's binaries "
                        + "include it; .ci/run checks it is there)");
    }

    private static List<Map<String, String>> rows(ResultSet resultSet) throws SQLException {
        List<Map<String, String>> rows = new ArrayList<>();
        while (resultSet.next()) {
            Map<String, String> row = new LinkedHashMap<>();
            for (int c = 1; c <= resultSet.getMetaData().getColumnCount(); c++) {
                row.put(resultSet.getMetaData().getColumnLabel(c), resultSet.getString(c));
            }
            rows.add(row);
        }
        return rows;
    }

    private static List<String> column(ResultSet resultSet, String label) throws SQLException {
        return rows(resultSet).stream().map(row -> row.get(label)).toList();
    }
}
