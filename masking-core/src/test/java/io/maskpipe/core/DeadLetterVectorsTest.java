package io.maskpipe.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskpipe.core.key.KeyId;
import io.maskpipe.core.key.Keyring;
import io.maskpipe.core.key.Subkeys;
import io.maskpipe.core.record.Metadata;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks the sealed dead-letter vectors of {@code docs/format.md}, read from the page: maskpipe seals each to the
 * published text with the published fixed nonce, and opens it back. The vectors were computed with Python's
 * {@code cryptography}, independently of maskpipe.
 */
class DeadLetterVectorsTest {
    private static final Path FORMAT = Path.of("..", "docs", "format.md");
    private static final byte[] NONCE = HexFormat.of().parseHex("000102030405060708090a0b");
    private static final Keyring TEST_RING = Keyring.of("test", KeyFixtures.key(0));

    record Vector(String messageId, String body, Metadata metadata, String sealed) {
        @Override
        public String toString() {
            return "docs/format.md sealed dead letter '" + messageId + "'";
        }
    }

    static List<Vector> vectors() throws Exception {
        List<Vector> vectors = new ArrayList<>();
        boolean inSection = false;
        for (String line : Files.readAllLines(FORMAT, StandardCharsets.UTF_8)) {
            if (line.startsWith("## ")) {
                inSection = line.contains("Sealed dead letters");
            } else if (inSection && line.startsWith("| `")) {
                String[] cells = line.split("\\|");
                String body = cell(cells[2]);
                vectors.add(new Vector(cell(cells[1]), body.equals("(none)") ? null : body,
                        metadata(cell(cells[3])), cell(cells[4])));
            }
        }
        return vectors;
    }

    static Stream<Vector> published() throws Exception {
        return vectors().stream();
    }

    private static String cell(String text) {
        String trimmed = text.strip();
        return trimmed.startsWith("`") && trimmed.endsWith("`") ? trimmed.substring(1, trimmed.length() - 1) : trimmed;
    }

    private static Metadata metadata(String cell) {
        Map<String, String> entries = new LinkedHashMap<>();
        for (String entry : cell.isEmpty() ? new String[0] : cell.split("; ")) {
            int equals = entry.indexOf('=');
            entries.put(entry.substring(0, equals), entry.substring(equals + 1));
        }
        return Metadata.of(entries);
    }

    @Test
    void formatPage_listsTheDeadLetterVectorsAndSubkey() throws Exception {
        assertThat(vectors()).hasSize(3);
        String page = Files.readString(FORMAT, StandardCharsets.UTF_8);
        String subkey = HexFormat.of().formatHex(Subkeys.derive(TEST_RING, KeyId.of("test"),
                DeadLetterSeal.SUBKEY_LABEL, 32));
        assertThat(page).contains("whose dead-letter subkey is\n`" + subkey + "`");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("published")
    void vector_publishedInFormatPage_isWhatMaskpipeSealsAndOpens(Vector vector) {
        String sealed = DeadLetterSeal.of(TEST_RING).seal(vector.messageId(), vector.body(), vector.metadata(), NONCE);

        assertThat(sealed).as(vector.toString()).isEqualTo(vector.sealed());
        SealedDeadLetter opened = SealedDeadLetter.open(TEST_RING, vector.messageId(), vector.sealed());
        assertThat(opened.body()).isEqualTo(java.util.Optional.ofNullable(vector.body()));
        assertThat(opened.metadata()).isEqualTo(vector.metadata());
        assertThat(opened.keyId()).isEqualTo(KeyId.of("test"));
    }
}
