package io.maskpipe.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskpipe.core.HmacMasker.Encoding;
import io.maskpipe.core.key.KeyId;
import io.maskpipe.core.key.Keyring;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Checks the test vectors of {@code docs/format.md}, read from the page itself, so the published format and the
 * code cannot drift apart. The vectors were computed independently of maskpipe (the page shows how).
 */
class FormatVectorsTest {
    private static final Path FORMAT = Path.of("..", "docs", "format.md");
    private static final byte[] TEST_KEY = new byte[32];
    private static final Keyring TEST_RING;

    static {
        for (int i = 0; i < TEST_KEY.length; i++) {
            TEST_KEY[i] = (byte) i; // the published TEST key, docs/format.md section 5
        }
        TEST_RING = Keyring.of("test", TEST_KEY);
    }

    record Vector(String kind, String domain, String value, String output) {
        @Override
        public String toString() {
            return "docs/format.md " + kind + " '" + domain + "' '" + value + "'";
        }
    }

    static List<Vector> vectors() throws Exception {
        List<Vector> vectors = new ArrayList<>();
        boolean inSection = false;
        for (String line : Files.readAllLines(FORMAT, StandardCharsets.UTF_8)) {
            if (line.startsWith("## ")) {
                inSection = line.startsWith("## 5. Test vectors");
            } else if (inSection && line.startsWith("| ") && !line.startsWith("| kind")) {
                String[] cells = line.split("\\|");
                vectors.add(new Vector(cell(cells[1]), cell(cells[2]), cell(cells[3]), cell(cells[4])));
            }
        }
        return vectors;
    }

    private static String cell(String text) {
        String trimmed = text.strip();
        return trimmed.equals("(empty)") ? "" : trimmed.replace("`", "");
    }

    @Test
    void formatPage_listsEveryKindOfVector() throws Exception {
        assertThat(vectors()).extracting(Vector::kind).contains("hmac-subkey", "aes-siv-subkey", "mask", "mask-hex",
                "mask-16", "token").hasSizeGreaterThanOrEqualTo(18);
    }

    static Stream<Vector> published() throws Exception {
        return vectors().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("published")
    void vector_publishedInFormatPage_isWhatMaskpipeComputes(Vector vector) {
        MaskContext context = MaskContext.forField("field").withDomain(vector.domain());
        String actual = switch (vector.kind()) {
            case "hmac-subkey" -> HexFormat.of().formatHex(HmacMasker.exportSubkeyInsecure(TEST_RING,
                    KeyId.of("test")));
            case "aes-siv-subkey" -> HexFormat.of().formatHex(io.maskpipe.core.key.Subkeys.derive(TEST_RING,
                    KeyId.of("test"), "maskpipe/v1/aes-siv", 64));
            case "mask" -> Maskers.hmac(TEST_RING).mask(vector.value(), context);
            case "mask-hex" -> HmacMasker.builder(TEST_RING).encoding(Encoding.HEX).build()
                    .mask(vector.value(), context);
            case "mask-16" -> HmacMasker.builder(TEST_RING).truncateTo(16).build().mask(vector.value(), context);
            case "token" -> Maskers.tokenize(TEST_RING).mask(vector.value(), context);
            default -> throw new AssertionError("unknown kind in docs/format.md: " + vector.kind());
        };

        assertThat(actual).as(vector.toString()).isEqualTo(vector.output());
        if (vector.kind().equals("token")) {
            assertThat(Maskers.tokenize(TEST_RING).reveal(vector.output(), vector.domain())).as(vector.toString())
                    .isEqualTo(vector.value());
        }
    }
}
