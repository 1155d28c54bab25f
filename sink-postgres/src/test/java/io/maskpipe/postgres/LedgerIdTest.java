package io.maskpipe.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskpipe.doccheck.DocSnippets;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The ledger's message-id mapping against the vectors of docs/format.md (section 7, computed with Python's hashlib),
 * in Java and in the SQL function docs/postgres.md gives operators.
 */
class LedgerIdTest {
    private static final DocSnippets DOCS = DocSnippets.forThisModule();

    @RegisterExtension
    static final TestDatabase database = new TestDatabase();

    private static List<List<String>> vectors;

    @BeforeAll
    static void readVectorsAndCreateFunction() {
        vectors = DOCS.table("docs/format.md", "### Ledger id vectors").stream()
                .map(row -> Arrays.asList(unquote(row.get(0)), unquote(row.get(1)), unquote(row.get(2)))).toList();
        database.execute(SqlBlocks.sqlBlock("docs/postgres.md", "FUNCTION maskpipe_ledger_id"));
    }

    private static String unquote(String cell) {
        return cell.equals("(empty)") ? "" : cell.equals("(none)") ? null : cell.replace("`", "");
    }

    @Test
    void of_documentedVectors_givesTheDocumentedUuids() {
        assertThat(vectors).hasSize(15);
        for (List<String> vector : vectors) {
            assertThat(LedgerId.of(vector.get(0), vector.get(1))).as(vector.toString())
                    .isEqualTo(UUID.fromString(vector.get(2)));
        }
    }

    @Test
    void sqlFunction_documentedVectors_givesTheDocumentedUuids() {
        for (List<String> vector : vectors) {
            assertThat(database.query("SELECT maskpipe_ledger_id(" + literal(vector.get(0)) + ", "
                    + literal(vector.get(1)) + ")::text")).as(vector.toString())
                    .containsExactly(List.of(vector.get(2)));
        }
        assertThat(database.query("SELECT maskpipe_ledger_id('m-1')::text"))
                .containsExactly(List.of(LedgerId.of("m-1").toString()));
    }

    private static String literal(String text) {
        return text == null ? "NULL" : "'" + text.replace("'", "''") + "'";
    }

    @Test
    void of_withASentTime_isAVersion7UuidLedByTheSentTime() {
        long sent = 1_764_460_800_123L;
        for (String id : List.of(UUID.randomUUID().toString(), "m-1", "", "x".repeat(5000),
                "5fd1e2a0-3c4b-7d5e-8f90-a1b2c3d4e5f6")) {
            UUID mapped = LedgerId.of(id, Long.toString(sent));
            assertThat(mapped.version()).as(id).isEqualTo(7);
            assertThat(mapped.variant()).as(id).isEqualTo(2);
            assertThat(mapped.getMostSignificantBits() >>> 16).as(id).isEqualTo(sent);
        }
    }

    @Test
    void of_sqsIdsSentLater_sortAfterInTheIndexOrder() {
        UUID earlier = LedgerId.of(UUID.randomUUID().toString(), "1764460800123");
        UUID later = LedgerId.of(UUID.randomUUID().toString(), "1764460800124");
        assertThat(database.query("SELECT ?::uuid < ?::uuid", earlier.toString(), later.toString()))
                .containsExactly(List.of("t"));
    }

    @Test
    void of_sqsIdWithASentTime_keepsTheIdsOwnRandomBits() {
        UUID id = UUID.randomUUID();
        UUID mapped = LedgerId.of(id.toString(), "1");
        assertThat(mapped.getLeastSignificantBits()).isEqualTo(id.getLeastSignificantBits());
        assertThat(mapped.getMostSignificantBits() & 0x0fff).isEqualTo(id.getMostSignificantBits() & 0x0fff);
    }

    @Test
    void of_sentTimeThatIsNotADecimalBelow2To48_countsAsNone() {
        for (String sent : List.of("", "-1", "+1", "1e3", " 1", "1.0", "٣", "281474976710656", "9".repeat(16))) {
            assertThat(LedgerId.of("m-1", sent)).as(sent).isEqualTo(LedgerId.of("m-1"));
        }
    }

    @Test
    void of_sqsStyleRandomUuids_isTheUuidItself() {
        for (int i = 0; i < 1000; i++) {
            UUID random = UUID.randomUUID();
            assertThat(LedgerId.of(random.toString())).isEqualTo(random);
        }
    }

    @Test
    void of_anyOtherIdWithoutASentTime_isAVersion8UuidWithTheRfc9562Variant() {
        for (String id : List.of("m-1", "", "A", UUID.randomUUID().toString().toUpperCase(java.util.Locale.ROOT),
                "5fd1e2a0-3c4b-8d5e-8f90-a1b2c3d4e5f6", "5fd1e2a0-3c4b-7d5e-8f90-a1b2c3d4e5f6",
                "5fd1e2a0-3c4b-4d5e-8f90-a1b2c3d4e5f", "x".repeat(5000))) {
            UUID mapped = LedgerId.of(id);
            assertThat(mapped.version()).as(id).isEqualTo(8);
            assertThat(mapped.variant()).as(id).isEqualTo(2);
        }
    }

    @Test
    void arrayText_ids_isThePostgresArrayLiteralOfTheirCanonicalText() {
        UUID[] ids = {UUID.fromString("5fd1e2a0-3c4b-4d5e-8f90-a1b2c3d4e5f6"), new UUID(0, 0), new UUID(-1, -1),
            LedgerId.of("m-1")};
        assertThat(LedgerId.arrayText(ids)).isEqualTo("{5fd1e2a0-3c4b-4d5e-8f90-a1b2c3d4e5f6,"
                + "00000000-0000-0000-0000-000000000000,ffffffff-ffff-ffff-ffff-ffffffffffff,"
                + "a461b472-cb41-89ec-bdee-5c90cf8e4a78}");
        assertThat(LedgerId.arrayText(new UUID[0])).isEqualTo("{}");
        assertThat(database.query("SELECT array_length(?::uuid[], 1)", LedgerId.arrayText(ids)))
                .containsExactly(List.of("4"));
    }
}
