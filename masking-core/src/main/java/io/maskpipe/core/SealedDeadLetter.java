package io.maskpipe.core;

import io.maskpipe.core.key.KeyId;
import io.maskpipe.core.key.Keyring;
import io.maskpipe.core.record.Metadata;
import java.util.Objects;
import java.util.Optional;

/**
 * The opened content of a sealed dead letter: the original message's body and metadata (its id, sent time, receive
 * count, group and the source's attributes), as they were when the pipeline rejected it.
 *
 * <p>A pipeline given a key ring with {@link PipelineStage#deadLetters(io.maskpipe.core.spi.DeadLetters, Keyring)}
 * seals each rejected message's body and metadata with AES-256-GCM under a subkey derived for dead letters
 * (HKDF-SHA256, label {@code maskpipe/v1/dead-letter}), the key id in front, the original message id bound as
 * associated data; {@code docs/format.md} gives the byte format and test vectors. Opening picks the key by the id in
 * front, so a letter sealed under a retired key opens while that key is in the ring.
 * <pre>{@code
 * SealedDeadLetter original = SealedDeadLetter.open(keyring, sourceMessageId, deadLetterBody);
 * original.body();      // Optional<String>: the raw body, personal data included
 * original.metadata();  // the original message's metadata
 * }</pre>
 * Its {@code toString()} prints the message id and key id, never the body. Immutable and thread-safe.
 *
 * @since 0.1.0
 */
public final class SealedDeadLetter {
    private final String messageId;
    private final KeyId keyId;
    private final String body;
    private final Metadata metadata;

    SealedDeadLetter(String messageId, KeyId keyId, String body, Metadata metadata) {
        this.messageId = messageId;
        this.keyId = keyId;
        this.body = body;
        this.metadata = metadata;
    }

    /**
     * Opens a sealed dead letter's body. Derives the ring's subkeys on each call; to open many, use
     * {@link #opener(Keyring)}.
     *
     * @param ring the key ring holding the key the letter was sealed under
     * @param messageId the original message's id, carried in the clear beside the sealed body
     * @param sealed the dead letter's body: {@code <key id>:<base64url>}
     * @return the original body and metadata
     * @throws SealedDeadLetterException when the ring has no key with the id in front, or the text was changed, or
     *     the message id is not the one it was sealed for; the message says not which
     */
    public static SealedDeadLetter open(Keyring ring, String messageId, String sealed) {
        return opener(ring).open(messageId, sealed);
    }

    /**
     * Returns an opener that derives the ring's subkeys once, for opening many letters.
     *
     * @param ring the key ring
     * @return the opener, immutable and thread-safe
     */
    public static Opener opener(Keyring ring) {
        DeadLetterSeal seal = DeadLetterSeal.of(Objects.requireNonNull(ring, "ring"));
        return (messageId, sealed) -> seal.open(Objects.requireNonNull(messageId, "messageId"),
                Objects.requireNonNull(sealed, "sealed"));
    }

    /**
     * Returns the id of the key a sealed text names in front, without opening it: to see which key a letter needs.
     *
     * @param sealed a dead letter's body
     * @return the key id, or empty when the text does not start with a well-formed key id and a colon
     */
    public static Optional<KeyId> keyIdOf(String sealed) {
        Objects.requireNonNull(sealed, "sealed");
        int colon = sealed.indexOf(':');
        if (colon <= 0) {
            return Optional.empty();
        }
        try {
            return Optional.of(KeyId.of(sealed.substring(0, colon)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Returns the original message's id, the associated data the letter was bound to.
     *
     * @return the message id
     */
    public String messageId() {
        return messageId;
    }

    /**
     * Returns the id of the key the letter was sealed under.
     *
     * @return the key id
     */
    public KeyId keyId() {
        return keyId;
    }

    /**
     * Returns the original body, as the source received it; it holds personal data.
     *
     * @return the body, or empty when the source kept none
     */
    public Optional<String> body() {
        return Optional.ofNullable(body);
    }

    /**
     * Returns the original message's metadata: its id, sent time, receive count, group and the source's
     * attributes (an SQS source's under {@code attr.}).
     *
     * @return the metadata
     */
    public Metadata metadata() {
        return metadata;
    }

    /** Returns the message id and key id, never the body: {@code SealedDeadLetter[id=..., key=k1]}. */
    @Override
    public String toString() {
        return "SealedDeadLetter[id=" + messageId + ", key=" + keyId + "]";
    }

    /**
     * Opens sealed dead letters with subkeys derived once from a key ring. Thread-safe.
     *
     * @since 0.1.0
     */
    @FunctionalInterface
    public interface Opener {
        /**
         * Opens one sealed dead letter, as {@link SealedDeadLetter#open(Keyring, String, String)} does.
         *
         * @param messageId the original message's id
         * @param sealed the dead letter's body
         * @return the original body and metadata
         * @throws SealedDeadLetterException when it cannot be opened with this ring
         */
        SealedDeadLetter open(String messageId, String sealed);
    }
}
