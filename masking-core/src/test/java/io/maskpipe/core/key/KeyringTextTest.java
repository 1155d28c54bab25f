package io.maskpipe.core.key;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskpipe.core.KeyFixtures;
import io.maskpipe.core.Maskers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyringTextTest {
    private static final String K1 = Base64.getEncoder().encodeToString(KeyFixtures.key(1));
    private static final String K2 = Base64.getUrlEncoder().withoutPadding().encodeToString(KeyFixtures.key(2));

    @Test
    void parse_oneLineForm_givesKeysAndPrimary() {
        Keyring ring = Keyring.parse("k1:" + K1 + ",k2:" + K2 + ",primary=k2");

        assertThat(ring.ids()).containsExactly(KeyId.of("k1"), KeyId.of("k2"));
        assertThat(ring.primary()).isEqualTo(KeyId.of("k2"));
    }

    @Test
    void parse_sameKeyAsBytes_masksTheSame() {
        assertThat(Maskers.hmac(Keyring.parse("k1:" + K1)).mask("x", "d"))
                .isEqualTo(Maskers.hmac(KeyFixtures.ring()).mask("x", "d"));
    }

    @Test
    void parse_fileFormWithCommentsAndBlankLines_givesTheRing() {
        Keyring ring = Keyring.parse("# maskpipe keys\n\nk1: " + K1 + "\r\nk2:" + K2 + "\nprimary = k2\n");

        assertThat(ring).hasToString("Keyring[primary=k2, keys=[k1 (32 bytes), k2 (32 bytes)]]");
    }

    @Test
    void parse_shortKey_failsNamingEntryAndKey() {
        String shortKey = Base64.getEncoder().encodeToString(new byte[16]);

        assertThatThrownBy(() -> Keyring.parse("k1:" + K1 + ",k2:" + shortKey))
                .isInstanceOf(KeyringException.class)
                .hasMessage("keyring text: entry 2: 16 bytes given, 32 required");
    }

    @Test
    void parse_malformedEntries_failNamingPositionAndRule() {
        assertThatThrownBy(() -> Keyring.parse("k1:" + K1 + ",garbage")).isInstanceOf(KeyringException.class)
                .hasMessage("keyring text: entry 2: expected '<id>:<base64 key>' or 'primary=<id>'");
        assertThatThrownBy(() -> Keyring.parse("k1:not*base64"))
                .hasMessage("keyring text: entry 1: key is not valid base64");
        assertThatThrownBy(() -> Keyring.parse("k 1:" + K1))
                .hasMessage("keyring text: entry 1: key id: must be 1 to 32 of [A-Za-z0-9_-], got 3 characters");
        assertThatThrownBy(() -> Keyring.parse("k1:" + K1 + ",k2:" + K2))
                .hasMessage("keyring text: 2 keys and no primary named");
        assertThatThrownBy(() -> Keyring.parse("k1:" + K1 + ",primary=k3"))
                .hasMessage("keyring text: primary names no key of the ring");
        assertThatThrownBy(() -> Keyring.parse(" ")).hasMessage("keyring text: no keys");
        assertThatThrownBy(() -> Keyring.parse("k1:" + K1 + ",primary=k1,primary=k1"))
                .hasMessage("keyring text: entry 3: primary named twice");
        assertThatThrownBy(() -> Keyring.parse("k1:" + K1 + ",k1:" + K1))
                .hasMessage("keyring text: entry 2: given twice");
    }

    @Test
    void fromEnvironment_setVariable_givesTheRing() {
        Keyring ring = KeyringText.fromEnvironment("MASKPIPE_KEYS", Map.of("MASKPIPE_KEYS", "k1:" + K1)::get);

        assertThat(ring.primary()).isEqualTo(KeyId.of("k1"));
    }

    @Test
    void fromEnvironment_unsetOrBadVariable_failsNamingTheVariableNotItsValue() {
        assertThatThrownBy(() -> Keyring.fromEnvironment("MASKPIPE_NO_SUCH_VARIABLE_SET"))
                .isInstanceOf(KeyringException.class)
                .hasMessage("keyring variable 'MASKPIPE_NO_SUCH_VARIABLE_SET': not set");
        assertThatThrownBy(() -> KeyringText.fromEnvironment("KEYS", Map.of("KEYS", "k1:AAAA")::get))
                .hasMessage("keyring variable 'KEYS': entry 1: 3 bytes given, 32 required");
    }

    @Test
    void fromFile_ringFile_givesTheRing(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("keys"), "k1:" + K1 + "\nk2:" + K2 + "\nprimary=k1\n");

        assertThat(Keyring.fromFile(file).ids()).hasSize(2);
    }

    @Test
    void fromFile_missingOrBadFile_failsNamingTheFile(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("missing");
        Path bad = Files.writeString(dir.resolve("bad"), "k1=" + K1);

        assertThatThrownBy(() -> Keyring.fromFile(missing)).isInstanceOf(KeyringException.class)
                .hasMessage("keyring file '" + missing + "': cannot be read (NoSuchFileException)");
        assertThatThrownBy(() -> Keyring.fromFile(bad))
                .hasMessage("keyring file '" + bad + "': entry 1: expected '<id>:<base64 key>' or 'primary=<id>'");
    }

    @Test
    void generateKey_givesA32ByteBase64KeyThatParses() {
        String key = Keyring.generateKey();

        assertThat(Base64.getDecoder().decode(key)).hasSize(32);
        assertThat(key).isNotEqualTo(Keyring.generateKey());
        assertThat(Keyring.parse("fresh:" + key).primary()).isEqualTo(KeyId.of("fresh"));
    }

    @Test
    void parse_entryWrittenTheWrongWayRound_neverQuotesTheKeyText() {
        // issue 14: a key short and URL-safe enough to pass for an id, written where the id belongs or after primary=
        String keyLikeId = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[24]).replace('A', 'q');

        assertThatThrownBy(() -> Keyring.parse(keyLikeId + ":k1")).hasMessageNotContaining(keyLikeId);
        assertThatThrownBy(() -> Keyring.parse("k1:" + K1 + ",primary=" + keyLikeId))
                .hasMessage("keyring text: primary names no key of the ring");
        assertThatThrownBy(() -> KeyringText.fromEnvironment("V", name -> "k1:" + K1 + "," + keyLikeId + ":k2"))
                .hasMessageNotContaining(keyLikeId).hasMessageNotContaining(K1.substring(0, 8));
    }
}
