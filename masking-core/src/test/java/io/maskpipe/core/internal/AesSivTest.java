package io.maskpipe.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** AES-SIV against RFC 5297 appendix A, and its refusal of every change. */
class AesSivTest {
    private static final HexFormat HEX = HexFormat.of();

    // RFC 5297 A.1, Deterministic Authenticated Encryption Example
    private static final byte[] A1_KEY =
            HEX.parseHex("fffefdfcfbfaf9f8f7f6f5f4f3f2f1f0f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff");
    private static final byte[][] A1_AD = {HEX.parseHex("101112131415161718191a1b1c1d1e1f2021222324252627")};
    private static final byte[] A1_PLAIN = HEX.parseHex("112233445566778899aabbccddee");
    private static final String A1_OUTPUT = "85632d07c6e8f37f950acd320a2ecc9340c02b9690c4dc04daef7f6afe5c";

    // RFC 5297 A.2, Nonce-Based Authenticated Encryption Example: AD1, AD2 and the nonce are three components
    private static final byte[] A2_KEY =
            HEX.parseHex("7f7e7d7c7b7a79787776757473727170404142434445464748494a4b4c4d4e4f");
    private static final byte[][] A2_AD = {
        HEX.parseHex("00112233445566778899aabbccddeeffdeaddadadeaddadaffeeddccbbaa99887766554433221100"),
        HEX.parseHex("102030405060708090a0"),
        HEX.parseHex("09f911029d74e35bd84156c5635688c0"),
    };
    private static final byte[] A2_PLAIN = HEX.parseHex(
            "7468697320697320736f6d6520706c61696e7465787420746f20656e6372797074207573696e67205349562d414553");
    private static final String A2_OUTPUT = "7bdb6e3b432667eb06f4d14bff2fbd0fcb900f2fddbe404326601965c889bf17"
            + "dba77ceb094fa663b7a3f748ba8af829ea64ad544a272e9c485b62a3fd5c0d";

    @Test
    void encrypt_rfc5297A1_givesExpectedOutput() {
        assertThat(HEX.formatHex(new AesSiv(A1_KEY).encrypt(A1_AD, A1_PLAIN))).as("RFC 5297 A.1")
                .isEqualTo(A1_OUTPUT);
    }

    @Test
    void decrypt_rfc5297A1_givesThePlaintext() {
        assertThat(new AesSiv(A1_KEY).decryptOrNull(A1_AD, HEX.parseHex(A1_OUTPUT))).as("RFC 5297 A.1")
                .isEqualTo(A1_PLAIN);
    }

    @Test
    void encrypt_rfc5297A2WithThreeAdComponents_givesExpectedOutput() {
        assertThat(HEX.formatHex(new AesSiv(A2_KEY).encrypt(A2_AD, A2_PLAIN))).as("RFC 5297 A.2")
                .isEqualTo(A2_OUTPUT);
    }

    @Test
    void decrypt_rfc5297A2_givesThePlaintext() {
        assertThat(new AesSiv(A2_KEY).decryptOrNull(A2_AD, HEX.parseHex(A2_OUTPUT))).as("RFC 5297 A.2")
                .isEqualTo(A2_PLAIN);
    }

    @Test
    void decrypt_everyBitFlipped_isRefused() {
        for (String output : new String[] {A1_OUTPUT, A2_OUTPUT}) {
            boolean a1 = output.equals(A1_OUTPUT);
            AesSiv siv = new AesSiv(a1 ? A1_KEY : A2_KEY);
            byte[] sealed = HEX.parseHex(output);
            for (int bit = 0; bit < sealed.length * 8; bit++) {
                byte[] tampered = sealed.clone();
                tampered[bit / 8] ^= (byte) (1 << (bit % 8));

                assertThat(siv.decryptOrNull(a1 ? A1_AD : A2_AD, tampered))
                        .as("%s with bit %d flipped", a1 ? "RFC 5297 A.1" : "RFC 5297 A.2", bit).isNull();
            }
        }
    }

    @Test
    void decrypt_truncatedAtEveryLength_isRefused() {
        AesSiv siv = new AesSiv(A2_KEY);
        byte[] sealed = HEX.parseHex(A2_OUTPUT);
        for (int length = 0; length < sealed.length; length++) {
            assertThat(siv.decryptOrNull(A2_AD, Arrays.copyOf(sealed, length)))
                    .as("RFC 5297 A.2 truncated to %d bytes", length).isNull();
        }
    }

    @Test
    void decrypt_otherAssociatedData_isRefused() {
        AesSiv siv = new AesSiv(A2_KEY);
        byte[] sealed = HEX.parseHex(A2_OUTPUT);

        assertThat(siv.decryptOrNull(Arrays.copyOf(A2_AD, 2), sealed)).as("nonce left out").isNull();
        assertThat(siv.decryptOrNull(new byte[][] {A2_AD[1], A2_AD[0], A2_AD[2]}, sealed)).as("AD reordered")
                .isNull();
    }

    @Test
    void encrypt_emptyPlaintextAndBlockSizedPlaintext_roundTrip() {
        AesSiv siv = new AesSiv(new byte[64]);
        for (int length : new int[] {0, 1, 15, 16, 17, 32, 100}) {
            byte[] plain = new byte[length];
            Arrays.fill(plain, (byte) length);
            byte[][] ad = {new byte[0]};

            assertThat(siv.decryptOrNull(ad, siv.encrypt(ad, plain))).as("%d bytes", length).isEqualTo(plain);
        }
    }
}
