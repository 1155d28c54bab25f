package io.maskpipe.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.strings;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The hot-path UTF-8 and base64url codecs against the JDK's. */
class CodecTest {

    @Test
    void utf8Encode_anyWellFormedText_equalsStringGetBytes() {
        qt().withExamples(1000).forAll(strings().allPossible().ofLengthBetween(0, 40)).checkAssert(text -> {
            byte[] dst = new byte[Utf8.maxBytes(text.length()) + 2];
            byte[] jdk = text.getBytes(StandardCharsets.UTF_8);
            boolean wellFormed = text.codePoints().noneMatch(cp -> cp >= 0xd800 && cp <= 0xdfff);
            if (wellFormed) {
                int end = Utf8.encode(text, dst, 2);
                assertThat(Arrays.copyOfRange(dst, 2, end)).isEqualTo(jdk);
            } else {
                assertThatThrownBy(() -> Utf8.encode(text, dst, 2)).isInstanceOf(IllegalArgumentException.class);
            }
        });
    }

    @Test
    void base64UrlAndHex_anyBytes_equalTheJdkEncodersAndDecodeBack() {
        qt().withExamples(1000).forAll(lists().of(integers().between(0, 255)).ofSizeBetween(0, 70)).checkAssert(l -> {
            byte[] bytes = new byte[l.size()];
            for (int i = 0; i < bytes.length; i++) {
                bytes[i] = (byte) (int) l.get(i);
            }
            byte[] out = new byte[1 + 2 * bytes.length];
            int end = Base64Url.encode(bytes, 0, bytes.length, out, 1);
            String text = new String(out, 1, end - 1, StandardCharsets.US_ASCII);
            assertThat(text).isEqualTo(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes))
                    .hasSize(Base64Url.encodedLength(bytes.length));
            byte[] back = new byte[bytes.length];
            assertThat(Base64Url.decode("x" + text, 1, text.length() + 1, back)).isEqualTo(bytes.length);
            assertThat(back).isEqualTo(bytes);
            int hexEnd = Base64Url.encodeHex(bytes, 0, bytes.length, out, 0);
            assertThat(new String(out, 0, hexEnd, StandardCharsets.US_ASCII))
                    .isEqualTo(HexFormat.of().formatHex(bytes));
        });
    }

    @Test
    void base64UrlDecode_nonCanonicalText_isRefused() {
        byte[] dst = new byte[8];
        for (String text : new String[] {"AB", "AAB", "A", "AA==", "AA A", "AA+/", "ä"}) {
            assertThat(Base64Url.decode(text, 0, text.length(), dst)).as(text).isEqualTo(-1);
        }
        assertThat(Base64Url.decode("AA", 0, 2, dst)).isEqualTo(1);
        assertThat(Base64Url.decode("AAE", 0, 3, dst)).isEqualTo(2);
    }
}
