package io.maskpipe.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** AES-CMAC against RFC 4493 section 4. */
class AesCmacTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] KEY = HEX.parseHex("2b7e151628aed2a6abf7158809cf4f3c");
    private static final byte[] M = HEX.parseHex("6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51"
            + "30c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710");

    static Stream<Arguments> rfc4493() {
        return Stream.of(
                Arguments.of("RFC 4493 4 example 1 (len = 0)", 0, "bb1d6929e95937287fa37d129b756746"),
                Arguments.of("RFC 4493 4 example 2 (len = 16)", 16, "070a16b46b4d4144f79bdd9dd04a287c"),
                Arguments.of("RFC 4493 4 example 3 (len = 40)", 40, "dfa66747de9ae63030ca32611497c827"),
                Arguments.of("RFC 4493 4 example 4 (len = 64)", 64, "51f0bebf7e3b9d92fc49741779363cfe"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rfc4493")
    void mac_rfc4493Example_givesExpectedTag(String source, int length, String tag) {
        byte[] mac = new AesCmac(KEY).mac(Arrays.copyOf(M, length));

        assertThat(HEX.formatHex(mac)).as(source).isEqualTo(tag);
    }

    @Test
    void mac_offsetIntoLargerArray_matchesTheWholeArrayTag() {
        byte[] padded = new byte[M.length + 7];
        System.arraycopy(M, 0, padded, 3, 40);
        byte[] tag = new byte[20];

        new AesCmac(KEY).mac(padded, 3, 40, tag, 2);

        assertThat(HEX.formatHex(tag, 2, 18)).as("RFC 4493 4 example 3 at an offset")
                .isEqualTo("dfa66747de9ae63030ca32611497c827");
    }

    @Test
    void dbl_rfc4493SubkeyGeneration_givesK1ThenK2() {
        // RFC 4493 4, "Subkey Generation": L = AES-128(K, 0), K1 = dbl(L), K2 = dbl(K1)
        byte[] block = HEX.parseHex("7df76b0c1ab899b33e42f047b91b546f");

        AesCmac.dbl(block);
        assertThat(HEX.formatHex(block)).as("RFC 4493 K1").isEqualTo("fbeed618357133667c85e08f7236a8de");
        AesCmac.dbl(block);
        assertThat(HEX.formatHex(block)).as("RFC 4493 K2").isEqualTo("f7ddac306ae266ccf90bc11ee46d513b");
    }
}
