package io.maskpipe.fpe;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskpipe.core.MaskContext;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.util.RadixConverter;
import org.junit.jupiter.api.Test;

/**
 * The test vectors of {@code docs/fpe.md}, recomputed from the spec alone: HKDF-SHA256 (RFC 5869, no salt) on the
 * JDK's {@code Mac}, then FF1 with the domain's UTF-8 bytes as the tweak, so another implementation can check itself.
 */
class Ff1MaskerVectorsTest {
    /** HKDF-SHA256 of the test key 0x00..0x1f with info {@code maskpipe/v1/ff1}, 32 bytes. */
    private static final String FF1_SUBKEY = "7a19fa1398bbd33ddac33aa773bddc81d60857505f654bc5b43189a625973294";

    @Test
    void subkey_testKey_matchesHkdfFromTheRfc() throws Exception {
        assertThat(HexFormat.of().formatHex(hkdfSha256(TestRings.key(0), "maskpipe/v1/ff1", 32)))
                .isEqualTo(FF1_SUBKEY);
    }

    @Test
    void digits_testKey_isFf1Radix10WithTheSubkeyAndDomainTweak() {
        Ff1 reference = new Ff1(HexFormat.of().parseHex(FF1_SUBKEY));
        int[] digits = "123456789".chars().map(c -> c - '0').toArray();
        int[] expected = reference.encrypt(new RadixConverter(10), "device_id".getBytes(StandardCharsets.UTF_8),
                digits);

        String masked = Ff1Maskers.digits(TestRings.k1()).mask("123456789", MaskContext.forField("device_id"));

        StringBuilder decimal = new StringBuilder();
        for (int digit : expected) {
            decimal.append(digit);
        }
        assertThat(masked).isEqualTo("591466718").isEqualTo(decimal.toString());
    }

    @Test
    void ipv4_testKey_isFf1Radix2Over32BitsWithTheDomainTweak() {
        Ff1 reference = new Ff1(HexFormat.of().parseHex(FF1_SUBKEY));
        long address = 192L << 24 | 168 << 16 | 1 << 8 | 20;
        int[] bits = new int[32];
        for (int i = 0; i < 32; i++) {
            bits[i] = (int) (address >>> (31 - i) & 1);
        }
        int[] out = reference.encrypt(new RadixConverter(2), "ip".getBytes(StandardCharsets.UTF_8), bits);
        long masked = 0;
        for (int bit : out) {
            masked = masked << 1 | bit;
        }

        assertThat(Ipv4Format.format(masked)).isEqualTo("129.194.86.6")
                .isEqualTo(Ff1Maskers.ipv4(TestRings.k1()).mask("192.168.1.20", MaskContext.forField("ip")));
    }

    private static byte[] hkdfSha256(byte[] ikm, String info, int length) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(new byte[32], "HmacSHA256"));
        byte[] prk = mac.doFinal(ikm);
        mac.init(new SecretKeySpec(prk, "HmacSHA256"));
        mac.update(info.getBytes(StandardCharsets.UTF_8));
        mac.update((byte) 1);
        byte[] block = mac.doFinal();
        return Arrays.copyOf(block, length);
    }
}
