package io.maskpipe.core;

import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import io.maskpipe.core.key.Keyring;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.quicktheories.core.Gen;

/** Keys, generators and the plain reference implementation the tests share; built here, never read from disk. */
public final class KeyFixtures {
    private KeyFixtures() {
    }

    /** A 32-byte key whose bytes count up from {@code first}: distinct keys for distinct ids. */
    public static byte[] key(int first) {
        byte[] key = new byte[32];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (first + i);
        }
        return key;
    }

    /** A ring of one key {@code k1}. */
    public static Keyring ring() {
        return Keyring.of("k1", key(1));
    }

    /** Unicode text of any code point outside the surrogate range, including supplementary characters. */
    public static Gen<String> unicode() {
        // Built from code points rather than filtered: a filter on random UTF-16 units rejects about half the
        // strings, and QuickTheories gives up on a large run when too few pass. Half the draws are BMP characters
        // (the surrogate block skipped), half supplementary ones spread over planes 1 to 16.
        return lists().of(integers().between(0, 2 * 0xF800 - 1).map(KeyFixtures::codePoint)).ofSizeBetween(0, 24)
                .map(codePoints -> {
                    StringBuilder text = new StringBuilder();
                    codePoints.forEach(text::appendCodePoint);
                    return text.toString();
                });
    }

    private static int codePoint(int draw) {
        if (draw < 0xF800) {
            return draw < 0xD800 ? draw : draw + 0x800;
        }
        return 0x10000 + (draw - 0xF800) * 16 + (draw & 0xF);
    }

    /** IPv4 dotted quads. */
    public static Gen<String> ipv4() {
        return longs().between(0, 0xffffffffL)
                .map(v -> (v >>> 24) + "." + (v >>> 16 & 0xff) + "." + (v >>> 8 & 0xff) + "." + (v & 0xff));
    }

    /** IPv6 addresses as eight full hex groups, mixed case and leading zeros included. */
    public static Gen<String> ipv6() {
        return lists().of(integers().between(0, 0xffff)).ofSize(8)
                .map(groups -> groups.stream()
                        .map(g -> g % 3 == 0 ? String.format("%04X", g) : Integer.toHexString(g))
                        .collect(Collectors.joining(":")));
    }

    /** US social security number shapes, {@code NNN-NN-NNNN}. */
    public static Gen<String> ssn() {
        return integers().between(0, 999_999_999)
                .map(n -> String.format("%03d-%02d-%04d", n / 1_000_000, n / 10_000 % 100, n % 10_000));
    }

    /** The plain reference of an HMAC mask: the JDK's Mac over the framed bytes, the JDK's base64url encoder. */
    public static String referenceMask(byte[] subkey, String keyId, String domain, String value) {
        try {
            byte[] d = domain.getBytes(StandardCharsets.UTF_8);
            byte[] v = value.getBytes(StandardCharsets.UTF_8);
            byte[] framed = ByteBuffer.allocate(4 + d.length + v.length).putInt(d.length).put(d).put(v).array();
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(subkey, "HmacSHA256"));
            return keyId + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(framed));
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }
}
