package io.maskpipe.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class HkdfTest {
    private static final HexFormat HEX = HexFormat.of();

    static Stream<Arguments> rfc5869Sha256() {
        return Stream.of(
                Arguments.of("RFC 5869 A.1 (basic)", "0b".repeat(22), "000102030405060708090a0b0c",
                        "f0f1f2f3f4f5f6f7f8f9", 42,
                        "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"),
                Arguments.of("RFC 5869 A.2 (longer inputs and outputs)", range(0x00, 0x50), range(0x60, 0xb0),
                        range(0xb0, 0x100), 82,
                        "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c"
                                + "59045a99cac7827271cb41c65e590e09da3275600c2f09b8367793a9aca3db71"
                                + "cc30c58179ec3e87c14c01d5c1f3434f1d87"),
                Arguments.of("RFC 5869 A.3 (zero-length salt and info)", "0b".repeat(22), "", "", 42,
                        "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rfc5869Sha256")
    void derive_rfc5869Vector_givesExpectedOkm(String source, String ikm, String salt, String info, int length,
            String okm) {
        byte[] derived = Hkdf.derive(HEX.parseHex(ikm), HEX.parseHex(salt), HEX.parseHex(info), length);

        assertThat(HEX.formatHex(derived)).as(source).isEqualTo(okm);
    }

    @Test
    void derive_lengthOutOfRange_isRefusedNamingTheBounds() {
        assertThatThrownBy(() -> Hkdf.derive(new byte[32], new byte[0], new byte[0], 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("hkdf: length must be 1 to 8160, got 0");
    }

    private static String range(int from, int to) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < to; i++) {
            sb.append(String.format("%02x", i));
        }
        return sb.toString();
    }
}
