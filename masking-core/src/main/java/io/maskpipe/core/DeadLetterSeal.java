package io.maskpipe.core;

import io.maskpipe.core.internal.AesGcm;
import io.maskpipe.core.internal.Base64Url;
import io.maskpipe.core.key.KeyId;
import io.maskpipe.core.key.Keyring;
import io.maskpipe.core.key.Subkeys;
import io.maskpipe.core.record.Metadata;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Seals and opens dead letters with AES-256-GCM under each key's {@value #SUBKEY_LABEL} subkey: the primary key seals,
 * the key named in front of a sealed text opens it. The byte format is {@code docs/format.md}, "Sealed dead letters".
 * Immutable and thread-safe.
 */
final class DeadLetterSeal {
    /** The HKDF info label of the dead-letter subkey. */
    static final String SUBKEY_LABEL = "maskpipe/v1/dead-letter";

    private static final int FLAG_BODY = 0x01;

    private final Map<String, AesGcm> byId;
    private final KeyId primary;

    private DeadLetterSeal(Map<String, AesGcm> byId, KeyId primary) {
        this.byId = byId;
        this.primary = primary;
    }

    static DeadLetterSeal of(Keyring ring) {
        Map<String, AesGcm> byId = new LinkedHashMap<>();
        for (KeyId id : ring.ids()) {
            byte[] subkey = Subkeys.derive(ring, id, SUBKEY_LABEL, AesGcm.KEY_BYTES);
            try {
                byId.put(id.value(), AesGcm.of(subkey));
            } finally {
                Arrays.fill(subkey, (byte) 0);
            }
        }
        return new DeadLetterSeal(Map.copyOf(byId), ring.primary());
    }

    /** Seals a body (or none) and metadata under the primary key, bound to the message id. */
    String seal(String messageId, String bodyOrNull, Metadata metadata) {
        return seal(messageId, bodyOrNull, metadata, null);
    }

    /** Seals with a fixed nonce when {@code nonceOrNull} is given: for the published test vectors only. */
    String seal(String messageId, String bodyOrNull, Metadata metadata, byte[] nonceOrNull) {
        byte[] plaintext = plaintext(bodyOrNull, metadata);
        byte[] aad = messageId.getBytes(StandardCharsets.UTF_8);
        AesGcm gcm = byId.get(primary.value());
        byte[] sealed = nonceOrNull == null ? gcm.seal(plaintext, aad) : gcm.seal(nonceOrNull, plaintext, aad);
        Arrays.fill(plaintext, (byte) 0);
        byte[] text = new byte[Base64Url.encodedLength(sealed.length)];
        int end = Base64Url.encode(sealed, 0, sealed.length, text, 0);
        return primary.value() + ":" + new String(text, 0, end, StandardCharsets.US_ASCII);
    }

    /** Opens a sealed text, picking the key by the id in front of it; throws one message for every failure. */
    SealedDeadLetter open(String messageId, String sealedText) {
        int colon = sealedText.indexOf(':');
        AesGcm gcm = colon > 0 ? byId.get(sealedText.substring(0, colon)) : null;
        if (gcm == null) {
            throw SealedDeadLetterException.cannotOpen(messageId);
        }
        byte[] sealed = new byte[(sealedText.length() - colon) * 3 / 4 + 1];
        int n = Base64Url.decode(sealedText, colon + 1, sealedText.length(), sealed);
        byte[] plaintext = n < 0 ? null
                : gcm.openOrNull(Arrays.copyOf(sealed, n), messageId.getBytes(StandardCharsets.UTF_8));
        if (plaintext == null) {
            throw SealedDeadLetterException.cannotOpen(messageId);
        }
        try {
            return parse(messageId, KeyId.of(sealedText.substring(0, colon)), ByteBuffer.wrap(plaintext));
        } catch (RuntimeException | CharacterCodingException e) {
            throw SealedDeadLetterException.cannotOpen(messageId);
        } finally {
            Arrays.fill(plaintext, (byte) 0);
        }
    }

    /** {@code flags || frame(body) || uint32_be(n) || n x (frame(name) || frame(value))}. */
    static byte[] plaintext(String bodyOrNull, Metadata metadata) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(bodyOrNull == null ? 0 : FLAG_BODY);
        frame(out, bodyOrNull == null ? "" : bodyOrNull);
        Map<String, String> entries = metadata.asMap();
        uint32(out, entries.size());
        for (Map.Entry<String, String> entry : entries.entrySet()) {
            frame(out, entry.getKey());
            frame(out, entry.getValue());
        }
        return out.toByteArray();
    }

    private static SealedDeadLetter parse(String messageId, KeyId keyId, ByteBuffer in)
            throws CharacterCodingException {
        int flags = in.get() & 0xff;
        if ((flags & ~FLAG_BODY) != 0) {
            throw new IllegalArgumentException("unknown flags");
        }
        String body = text(in);
        int count = in.getInt();
        if (count < 0 || count > in.remaining() / 8) {
            throw new IllegalArgumentException("bad count");
        }
        Map<String, String> entries = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            entries.put(text(in), text(in));
        }
        if (in.hasRemaining()) {
            throw new IllegalArgumentException("trailing bytes");
        }
        return new SealedDeadLetter(messageId, keyId, (flags & FLAG_BODY) != 0 ? body : null, Metadata.of(entries));
    }

    private static String text(ByteBuffer in) throws CharacterCodingException {
        int length = in.getInt();
        if (length < 0 || length > in.remaining()) {
            throw new IllegalArgumentException("bad length");
        }
        ByteBuffer slice = in.slice(in.position(), length);
        in.position(in.position() + length);
        return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(slice).toString();
    }

    private static void frame(ByteArrayOutputStream out, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        uint32(out, bytes.length);
        out.write(bytes, 0, bytes.length);
    }

    private static void uint32(ByteArrayOutputStream out, int value) {
        out.write(value >>> 24);
        out.write(value >>> 16);
        out.write(value >>> 8);
        out.write(value);
    }

    /** Returns the key ids only. */
    @Override
    public String toString() {
        return "DeadLetterSeal[primary=" + primary + ", keys=" + byId.keySet().stream().sorted().toList() + "]";
    }
}
