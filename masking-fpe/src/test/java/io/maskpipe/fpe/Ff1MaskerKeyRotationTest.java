package io.maskpipe.fpe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskpipe.core.key.KeyId;
import io.maskpipe.core.key.KeyringException;
import io.maskpipe.core.MaskContext;
import io.maskpipe.core.TokenException;
import org.junit.jupiter.api.Test;

/** Rotation: masks name no key, so the caller keeps the key id and reveal takes it back. */
class Ff1MaskerKeyRotationTest {
    private static final MaskContext DEVICE_ID = MaskContext.forField("device_id");

    @Test
    void keyId_byDefault_isTheRingsPrimary() {
        assertThat(Ff1Maskers.digits(TestRings.k1()).keyId()).isEqualTo(KeyId.of("k1"));
        assertThat(Ff1Maskers.digits(TestRings.rotated()).keyId()).isEqualTo(KeyId.of("k2"));
    }

    @Test
    void reveal_valueMaskedBeforeRotation_revealsWithTheKeptKeyId() {
        // given a column masked with k1, its key id kept beside it
        Ff1Masker before = Ff1Maskers.pattern(TestRings.k1(), "NNN-NN-NNNN");
        String masked = before.mask("123-45-6789", DEVICE_ID);
        KeyId kept = before.keyId();

        // when the ring rotates to k2
        Ff1Masker after = Ff1Maskers.pattern(TestRings.rotated(), "NNN-NN-NNNN");

        // then new values use k2, and the old value reveals with k1
        assertThat(after.mask("123-45-6789", DEVICE_ID)).isNotEqualTo(masked);
        assertThat(after.reveal(masked, DEVICE_ID, kept)).isEqualTo("123-45-6789");
    }

    @Test
    void withKey_retiredKey_masksAsBeforeTheRotation() {
        Ff1Masker before = Ff1Maskers.ipv4(TestRings.k1());
        Ff1Masker pinned = Ff1Maskers.ipv4(TestRings.rotated()).withKey(KeyId.of("k1"));

        assertThat(pinned.keyId()).isEqualTo(KeyId.of("k1"));
        assertThat(pinned.mask("10.0.0.1", DEVICE_ID)).isEqualTo(before.mask("10.0.0.1", DEVICE_ID));
        assertThat(pinned.reveal(pinned.mask("10.0.0.1", DEVICE_ID), DEVICE_ID)).isEqualTo("10.0.0.1");
    }

    @Test
    void reveal_keyNotInTheRing_isRefusedWithThePlainMessage() {
        Ff1Masker masker = Ff1Maskers.digits(TestRings.rotated());

        assertThatThrownBy(() -> masker.reveal("123456789", DEVICE_ID, KeyId.of("k9")))
                .isInstanceOf(TokenException.class)
                .hasMessage("token: cannot be revealed with this key ring and domain");
    }

    @Test
    void withKey_keyNotInTheRing_failsNamingTheKeyOnly() {
        Ff1Masker masker = Ff1Maskers.digits(TestRings.rotated());

        assertThatThrownBy(() -> masker.withKey(KeyId.of("k9")))
                .isInstanceOf(KeyringException.class)
                .hasMessage("key 'k9': not in the ring [k1, k2]");
    }

    @Test
    void reveal_wrongKey_givesAWrongValueOfTheSameShape() {
        // FF1 has no integrity check: this is why the key id must be kept with the value.
        Ff1Masker masker = Ff1Maskers.digits(TestRings.rotated());
        String masked = masker.withKey(KeyId.of("k1")).mask("123456789", DEVICE_ID);

        assertThat(masker.reveal(masked, DEVICE_ID, KeyId.of("k2"))).isNotEqualTo("123456789").hasSize(9)
                .containsOnlyDigits();
    }
}
