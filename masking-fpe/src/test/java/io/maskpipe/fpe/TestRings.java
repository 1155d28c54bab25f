package io.maskpipe.fpe;

import io.maskpipe.core.key.Keyring;

/** Key rings for tests: fixed, published test keys that must never serve real data. */
final class TestRings {
    private TestRings() {
    }

    /** Returns 32 bytes {@code start, start+1, ...}: the test key of {@code docs/fpe.md} for start 0. */
    static byte[] key(int start) {
        byte[] key = new byte[32];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (start + i);
        }
        return key;
    }

    /** Returns a ring of the one key {@code k1} = bytes 0x00..0x1f. */
    static Keyring k1() {
        return Keyring.of("k1", key(0));
    }

    /** Returns a ring after a rotation: {@code k1} (bytes 0x00..0x1f) retired, {@code k2} (0x40..0x5f) primary. */
    static Keyring rotated() {
        return Keyring.builder().key("k1", key(0)).key("k2", key(0x40)).primary("k2").build();
    }
}
