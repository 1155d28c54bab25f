package io.maskpipe.core.internal;

import io.maskpipe.core.KeyId;
import io.maskpipe.core.Keyring;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * The one door to a key ring's bytes, opened by {@link Keyring} itself when it loads, so key bytes never appear in
 * {@code Keyring}'s public API.
 */
public final class KeyringAccess {
    private static volatile BiFunction<Keyring, KeyId, SecretBytes> access;

    private KeyringAccess() {
    }

    /** Called once by {@link Keyring}'s static initializer. */
    public static void install(BiFunction<Keyring, KeyId, SecretBytes> accessor) {
        if (access != null) {
            throw new IllegalStateException("keyring access installed twice");
        }
        access = Objects.requireNonNull(accessor, "accessor");
    }

    /** Returns the master key bytes of one key in the ring. */
    public static SecretBytes material(Keyring ring, KeyId id) {
        Objects.requireNonNull(ring, "ring"); // loads Keyring, which installs the accessor
        return access.apply(ring, id);
    }
}
