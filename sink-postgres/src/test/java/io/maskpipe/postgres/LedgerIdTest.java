package io.maskpipe.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskpipe.doccheck.DocSnippets;
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
                .map(row -> List.of(unquote(row.get(0)), unquote(row.get(1)))).toList();
        database.execute(SqlBlocks.sqlBlock("docs/postgres.md", "FUNCTION maskpipe_ledger_id"));
    }

    private static String unquote(String cell) {
        return cell.equals("(empty)") ? "" : cell.replace("`", "");
    }

    @Test
    void of_documentedVectors_givesTheDocumentedUuids() {
        assertThat(vectors).hasSize(7);
        for (List<String> vector : vectors) {
            assertThat(LedgerId.of(vector.get(0))).as(vector.get(0)).isEqualTo(UUID.fromString(vector.get(1)));
        }
    }

    @Test
    void sqlFunction_documentedVectors_givesTheDocumentedUuids() {
        for (List<String> vector : vectors) {
            String literal = "'" + vector.get(0).replace("'", "''") + "'";
            assertThat(database.query("SELECT maskpipe_ledger_id(" + literal + ")::text"))
                    .as(vector.get(0)).containsExactly(List.of(vector.get(1)));
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
    void of_anyOtherId_isAVersion8UuidWithTheRfc9562Variant() {
        for (String id : List.of("m-1", "", "A", UUID.randomUUID().toString().toUpperCase(java.util.Locale.ROOT),
                "5fd1e2a0-3c4b-8d5e-8f90-a1b2c3d4e5f6", "5fd1e2a0-3c4b-4d5e-8f90-a1b2c3d4e5f", "x".repeat(5000))) {
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
