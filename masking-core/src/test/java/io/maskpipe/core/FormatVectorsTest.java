package io.maskpipe.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskpipe.core.HmacMasker.Encoding;
import io.maskpipe.core.HmacMasker.Normalization;
import io.maskpipe.core.key.KeyId;
import io.maskpipe.core.key.Keyring;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
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
    private static final Pattern ESCAPE = Pattern.compile("\\\\u([0-9a-fA-F]{4})");
    private static final Pattern CODE_POINTS = Pattern.compile("U\\+([0-9A-F]{4})(?: to U\\+([0-9A-F]{4}))?");
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

    /** A cell's text: {@code (empty)} is the empty string, {@code \\uXXXX} one UTF-16 code unit. */
    private static String cell(String text) {
        String trimmed = text.strip();
        if (trimmed.equals("(empty)")) {
            return "";
        }
        Matcher escape = ESCAPE.matcher(trimmed.replace("`", ""));
        StringBuilder out = new StringBuilder();
        while (escape.find()) {
            escape.appendReplacement(out, Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(
                    escape.group(1), 16))));
        }
        return escape.appendTail(out).toString();
    }

    @Test
    void formatPage_listsEveryKindOfVector() throws Exception {
        assertThat(vectors()).extracting(Vector::kind).contains("hmac-subkey", "aes-siv-subkey", "mask", "mask-hex",
                "mask-16", "token", "mask-canonical-ip", "mask-trim").hasSizeGreaterThanOrEqualTo(27);
    }

    /** The code points a line of the page lists between two markers, {@code U+0009 to U+000D} as a range. */
    private static Set<Integer> listedCodePoints(String lineStart, String from, String to) throws Exception {
        String line = String.join(" ", Files.readAllLines(FORMAT, StandardCharsets.UTF_8)).replaceAll("\\s+", " ");
        int start = line.indexOf(lineStart);
        assertThat(start).as("docs/format.md has '%s'", lineStart).isNotNegative();
        String listed = line.substring(line.indexOf(from, start), line.indexOf(to, start));
        Set<Integer> points = new TreeSet<>();
        Matcher range = CODE_POINTS.matcher(listed);
        while (range.find()) {
            int first = Integer.parseInt(range.group(1), 16);
            int last = range.group(2) == null ? first : Integer.parseInt(range.group(2), 16);
            for (int c = first; c <= last; c++) {
                points.add(c);
            }
        }
        return points;
    }

    @Test
    void trim_removesExactlyTheCodePointsTheFormatPageLists() throws Exception {
        Set<Integer> removed = listedCodePoints("- `TRIM` removes", "uses):", "It keeps");
        Set<Integer> kept = listedCodePoints("- `TRIM` removes", "It keeps", "which Python");
        HmacMasker trim = HmacMasker.builder(TEST_RING).normalize(Normalization.TRIM).build();
        String bare = trim.mask("x", "d");

        Set<Integer> actual = new TreeSet<>();
        for (int c = 0; c <= 0xffff; c++) { // String.strip() tests Character.isWhitespace, true for none beyond
            if (!Character.isSurrogate((char) c) && trim.mask((char) c + "x" + (char) c, "d").equals(bare)) {
                actual.add(c);
            }
        }
        assertThat(IntStream.rangeClosed(0x10000, Character.MAX_CODE_POINT).filter(Character::isWhitespace))
                .as("supplementary white space").isEmpty();
        assertThat(actual).isEqualTo(removed).hasSize(25);
        assertThat(kept).containsExactlyInAnyOrder(0x85, 0xa0, 0x2007, 0x202f, 0x200b, 0xfeff)
                .doesNotContainAnyElementsOf(actual);
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
            case "mask-canonical-ip" -> HmacMasker.builder(TEST_RING).normalize(Normalization.CANONICAL_IP).build()
                    .mask(vector.value(), context);
            case "mask-trim" -> HmacMasker.builder(TEST_RING).normalize(Normalization.TRIM).build()
                    .mask(vector.value(), context);
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
