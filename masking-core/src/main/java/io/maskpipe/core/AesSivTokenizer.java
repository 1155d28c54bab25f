package io.maskpipe.core;

import io.maskpipe.core.internal.AesSiv;
import io.maskpipe.core.internal.Base64Url;
import io.maskpipe.core.internal.SecretBytes;
import io.maskpipe.core.internal.Utf8;
import io.maskpipe.core.key.KeyId;
import io.maskpipe.core.key.Keyring;
import io.maskpipe.core.key.Subkeys;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The built-in {@link Tokenizer}: AES-SIV (RFC 5297) with the 64-byte subkey {@value #SUBKEY_LABEL} of each key in
 * the ring, the domain label as the one associated-data component, and tokens written {@code <keyId>:<base64url(V
 * || C)>} ({@code docs/format.md}). New tokens use the primary key; reveal picks the key the token names.
 *
 * <p>Immutable and thread-safe: each thread keeps its own ciphers and buffers per key.
 */
final class AesSivTokenizer implements Tokenizer {
    /** The HKDF info label of the AES-SIV subkey: K1 (S2V) then K2 (CTR), 32 bytes each. */
    static final String SUBKEY_LABEL = "maskpipe/v1/aes-siv";
    static final int SUBKEY_BYTES = 64;

    private final Map<String, Slot> slots;
    private final Slot primary;
    private final BlankValues blankValues;

    AesSivTokenizer(Keyring keyring, BlankValues blankValues) {
        this.blankValues = blankValues;
        Map<String, Slot> byId = new LinkedHashMap<>();
        for (KeyId id : keyring.ids()) {
            byte[] subkey = Subkeys.derive(keyring, id, SUBKEY_LABEL, SUBKEY_BYTES);
            byId.put(id.value(), new Slot(id, SecretBytes.copyOf(subkey)));
            Arrays.fill(subkey, (byte) 0);
        }
        this.slots = Map.copyOf(byId);
        this.primary = slots.get(keyring.primary().value());
    }

    @Override
    public String mask(String value, MaskContext context) {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(context, "context");
        State s = primary.state.get();
        s.associate(context.domain());
        int plainLen = s.plaintext(value);
        int sealedLen = s.siv.encrypt(s.d, s.plain, 0, plainLen, s.sealed(plainLen), 0);
        byte[] text = s.text(primary.prefix.length + Base64Url.encodedLength(sealedLen));
        System.arraycopy(primary.prefix, 0, text, 0, primary.prefix.length);
        int end = Base64Url.encode(s.sealed, 0, sealedLen, text, primary.prefix.length);
        return new String(text, 0, end, StandardCharsets.ISO_8859_1);
    }

    @Override
    public BlankValues blankValues() {
        return blankValues;
    }

    @Override
    public String reveal(String token, String domain) {
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(domain, "domain");
        int colon = token.indexOf(':');
        Slot slot = colon > 0 ? slots.get(token.substring(0, colon)) : null;
        if (slot == null) {
            throw new TokenException(); // picked by the id it names, never by trying keys
        }
        State s = slot.state.get();
        int sealedLen = Base64Url.decode(token, colon + 1, token.length(), s.sealed((token.length() - colon) * 3 / 4));
        if (sealedLen < AesSiv.IV_BYTES) {
            throw new TokenException();
        }
        s.associate(domain);
        int plainLen = s.siv.decrypt(s.d, s.sealed, 0, sealedLen, s.plainCapacity(sealedLen), 0);
        if (plainLen < 0) {
            throw new TokenException();
        }
        String value = new String(s.plain, 0, plainLen, StandardCharsets.UTF_8);
        Arrays.fill(s.plain, 0, plainLen, (byte) 0);
        return value;
    }

    /** Returns key ids only: {@code AesSivTokenizer[primary=k2, keys=[k1, k2]]}. */
    @Override
    public String toString() {
        return "AesSivTokenizer[primary=" + primary.id + ", keys=" + slots.keySet().stream().sorted().toList() + "]";
    }

    /** One key: its token prefix and, per thread, an AES-SIV instance made from its subkey. */
    private static final class Slot {
        final KeyId id;
        final byte[] prefix;
        final ThreadLocal<State> state;

        Slot(KeyId id, SecretBytes subkey) {
            this.id = id;
            this.prefix = (id.value() + ":").getBytes(StandardCharsets.US_ASCII);
            this.state = ThreadLocal.withInitial(() -> {
                byte[] key = subkey.toByteArrayInsecure();
                try {
                    return new State(new AesSiv(key));
                } finally {
                    Arrays.fill(key, (byte) 0);
                }
            });
        }
    }

    /** One thread's AES-SIV, its S2V state {@code d} for the last domain seen, and buffers that only grow. */
    private static final class State {
        final AesSiv siv;
        final byte[] d = new byte[AesSiv.IV_BYTES];
        String domain;
        byte[] plain = new byte[64];
        byte[] sealed = new byte[80];
        byte[] text = new byte[128];

        State(AesSiv siv) {
            this.siv = siv;
        }

        /** Runs S2V over the domain label as the single AD component, unless it was the last one seen. */
        void associate(String label) {
            if (label.equals(domain)) {
                return;
            }
            domain = null; // the encoding below may throw
            byte[] bytes = new byte[Utf8.maxBytes(label.length())];
            int n = Utf8.encode(label, bytes, 0);
            siv.associate(new byte[][] {Arrays.copyOf(bytes, n)}, d);
            domain = label;
        }

        int plaintext(String value) {
            plainCapacity(Utf8.maxBytes(value.length()));
            return Utf8.encode(value, plain, 0);
        }

        byte[] plainCapacity(int n) {
            if (plain.length < n) {
                plain = new byte[Math.max(n, plain.length * 2)];
            }
            return plain;
        }

        byte[] sealed(int plainLen) {
            int n = AesSiv.IV_BYTES + plainLen;
            if (sealed.length < n) {
                sealed = new byte[Math.max(n, sealed.length * 2)];
            }
            return sealed;
        }

        byte[] text(int n) {
            if (text.length < n) {
                text = new byte[Math.max(n, text.length * 2)];
            }
            return text;
        }
    }
}
