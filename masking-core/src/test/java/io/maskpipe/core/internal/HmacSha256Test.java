package io.maskpipe.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.stream.Stream;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** maskpipe's {@link HmacSha256} and the JDK's HMAC-SHA256 (as {@link Jce} gives it) against RFC 4231 section 4. */
class HmacSha256Test {
    private static final HexFormat HEX = HexFormat.of();

    static Stream<Arguments> rfc4231() {
        String aa131 = "aa".repeat(131);
        return Stream.of(
                Arguments.of("RFC 4231 4.2 test case 1", "0b".repeat(20), ascii("Hi There"),
                        "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
                Arguments.of("RFC 4231 4.3 test case 2 (key shorter than the output)", ascii("Jefe"),
                        ascii("what do ya want for nothing?"),
                        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
                Arguments.of("RFC 4231 4.4 test case 3", "aa".repeat(20), "dd".repeat(50),
                        "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
                Arguments.of("RFC 4231 4.5 test case 4", "0102030405060708090a0b0c0d0e0f10111213141516171819",
                        "cd".repeat(50), "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
                Arguments.of("RFC 4231 4.6 test case 5 (truncated to 128 bits)", "0c".repeat(20),
                        ascii("Test With Truncation"), "a3b6167473100ee06e0c796c2955552b"),
                Arguments.of("RFC 4231 4.7 test case 6 (key larger than the block)", aa131,
                        ascii("Test Using Larger Than Block-Size Key - Hash Key First"),
                        "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
                Arguments.of("RFC 4231 4.8 test case 7 (key and data larger than the block)", aa131,
                        ascii("This is a test using a larger than block-size key and a larger than block-size data."
                                + " The key needs to be hashed before being used by the HMAC algorithm."),
                        "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rfc4231")
    void hmacSha256_rfc4231Vector_givesExpectedTag(String source, String key, String data, String tag) {
        byte[] mac = Jce.hmacSha256(new SecretKeySpec(HEX.parseHex(key), Jce.HMAC_SHA256))
                .doFinal(HEX.parseHex(data));

        // Test case 5 publishes only the first 128 bits: compare as many bytes as the RFC gives.
        assertThat(HEX.formatHex(Arrays.copyOf(mac, tag.length() / 2))).as(source).isEqualTo(tag);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rfc4231")
    void digestBasedHmac_rfc4231Vector_givesExpectedTag(String source, String key, String data, String tag) {
        HmacSha256 hmac = new HmacSha256(HEX.parseHex(key));

        byte[] first = hmac.tag(HEX.parseHex(data));
        byte[] again = hmac.tag(HEX.parseHex(data)); // the keyed state must survive a tag

        assertThat(HEX.formatHex(Arrays.copyOf(first, tag.length() / 2))).as(source).isEqualTo(tag);
        assertThat(again).as(source + ", second tag").isEqualTo(first);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rfc4231")
    void digestBasedHmac_offsetsInAndOut_sameTagAsWholeArrays(String source, String key, String data, String tag) {
        HmacSha256 hmac = new HmacSha256(HEX.parseHex(key));
        byte[] message = HEX.parseHex(data);
        byte[] padded = new byte[message.length + 7];
        System.arraycopy(message, 0, padded, 3, message.length);
        byte[] out = new byte[HmacSha256.TAG_BYTES + 5];

        hmac.tag(padded, 3, message.length, out, 5);

        assertThat(Arrays.copyOfRange(out, 5, out.length)).as(source).isEqualTo(hmac.tag(message));
    }

    private static String ascii(String text) {
        return HEX.formatHex(text.getBytes(StandardCharsets.US_ASCII));
    }
}
