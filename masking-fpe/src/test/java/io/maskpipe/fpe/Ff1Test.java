package io.maskpipe.fpe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.bouncycastle.crypto.util.RadixConverter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The FF1 wrapper against NIST's published FF1 samples (SP 800-38G, "FF1samples.pdf", samples 1 to 9). */
class Ff1Test {
    private static final String KEY_128 = "2B7E151628AED2A6ABF7158809CF4F3C";
    private static final String KEY_192 = KEY_128 + "EF4359D8D580AA4F";
    private static final String KEY_256 = KEY_192 + "7F036D6F04FC6A94";
    private static final String BASE36 = "0123456789abcdefghijklmnopqrstuvwxyz";
    private static final String TWEAK_10 = "39383736353433323130";
    private static final String TWEAK_11 = "3737373770717273373737";

    static Stream<Arguments> samples() {
        return Stream.of(
                sample(1, KEY_128, 10, "", "0123456789", "2433477484"),
                sample(2, KEY_128, 10, TWEAK_10, "0123456789", "6124200773"),
                sample(3, KEY_128, 36, TWEAK_11, "0123456789abcdefghi", "a9tv40mll9kdu509eum"),
                sample(4, KEY_192, 10, "", "0123456789", "2830668132"),
                sample(5, KEY_192, 10, TWEAK_10, "0123456789", "2496655549"),
                sample(6, KEY_192, 36, TWEAK_11, "0123456789abcdefghi", "xbj3kv35jrawxv32ysr"),
                sample(7, KEY_256, 10, "", "0123456789", "6657667009"),
                sample(8, KEY_256, 10, TWEAK_10, "0123456789", "1001623463"),
                sample(9, KEY_256, 36, TWEAK_11, "0123456789abcdefghi", "xs8a0azh2avyalyzuwd"));
    }

    private static Arguments sample(int number, String key, int radix, String tweak, String plain, String cipher) {
        return Arguments.of("NIST SP 800-38G FF1 sample " + number, key, radix, tweak, plain, cipher);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void ff1_nistSample_encryptsAndDecryptsAsPublished(String name, String key, int radix, String tweak,
            String plain, String cipher) {
        Ff1 ff1 = new Ff1(HexFormat.of().parseHex(key));
        RadixConverter converter = new RadixConverter(radix);
        byte[] tweakBytes = HexFormat.of().parseHex(tweak);

        assertThat(text(ff1.encrypt(converter, tweakBytes, numerals(plain)))).as(name + ", encrypt")
                .isEqualTo(cipher);
        assertThat(text(ff1.decrypt(converter, tweakBytes, numerals(cipher)))).as(name + ", decrypt")
                .isEqualTo(plain);
    }

    @Test
    void encrypt_radixAbove256_roundTripsThroughTheWidePath() {
        Ff1 ff1 = new Ff1(HexFormat.of().parseHex(KEY_256));
        RadixConverter radix = new RadixConverter(1000);
        int[] plain = {999, 0, 512, 257, 1};
        int[] cipher = ff1.encrypt(radix, new byte[0], plain);
        assertThat(cipher).hasSize(5).isNotEqualTo(plain);
        assertThat(Arrays.stream(cipher)).allMatch(n -> n >= 0 && n < 1000);
        assertThat(ff1.decrypt(radix, new byte[0], cipher)).isEqualTo(plain);
    }

    @Test
    void constructor_keyOf20Bytes_fails() {
        assertThatThrownBy(() -> new Ff1(new byte[20]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("FF1 key: 20 bytes given, 16, 24 or 32 required");
    }

    @Test
    void toString_showsKeySizeOnly() {
        assertThat(new Ff1(HexFormat.of().parseHex(KEY_192))).hasToString("Ff1[AES-192]");
    }

    private static int[] numerals(String text) {
        return text.chars().map(BASE36::indexOf).toArray();
    }

    private static String text(int[] numerals) {
        StringBuilder sb = new StringBuilder();
        for (int n : numerals) {
            sb.append(BASE36.charAt(n));
        }
        return sb.toString();
    }
}
