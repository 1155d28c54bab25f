package io.maskpipe.core;

import io.maskpipe.core.record.Metadata;
import io.maskpipe.core.record.Rejection;
import io.maskpipe.core.spi.DeadLetter;
import io.maskpipe.core.spi.DeadLetters;
import io.maskpipe.core.spi.Delivery;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Seals each dead letter before the user's store sees it: the store gets a delivery whose body is the sealed text
 * of the original body and metadata, whose metadata keeps only the message id and sent time, with no group and the
 * rejection (reason code, field path, rule) in the clear. The engine acknowledges its own deliveries, so it needs
 * no change. Immutable and thread-safe.
 */
final class SealingDeadLetters implements DeadLetters {
    private final DeadLetters store;
    private final DeadLetterSeal seal;

    SealingDeadLetters(DeadLetters store, DeadLetterSeal seal) {
        this.store = store;
        this.seal = seal;
    }

    @Override
    public void store(List<DeadLetter> letters) {
        List<DeadLetter> sealed = new ArrayList<>(letters.size());
        for (DeadLetter letter : letters) {
            sealed.add(new DeadLetter(seal(letter.delivery(), letter.rejection()), letter.rejection()));
        }
        store.store(List.copyOf(sealed));
    }

    private Delivery seal(Delivery original, Rejection rejection) {
        String text = seal.seal(original.id(), original.body().orElse(null), original.metadata());
        Map<String, String> clear = new LinkedHashMap<>();
        clear.put(Metadata.MESSAGE_ID, original.id());
        original.metadata().get(Metadata.SENT_TIMESTAMP).ifPresent(t -> clear.put(Metadata.SENT_TIMESTAMP, t));
        // The content becomes the letter's own rejection: the decoded record, unmasked, never reaches the store.
        return Delivery.builder(original.id(), original.receipt())
                .rejection(rejection)
                .metadata(Metadata.of(clear))
                .body(text)
                .build();
    }

    /** Returns the store and the seal's key ids: {@code SealingDeadLetters[SqsDeadLetters[...], primary=k1]}. */
    @Override
    public String toString() {
        return "SealingDeadLetters[" + store + ", " + seal + "]";
    }
}
