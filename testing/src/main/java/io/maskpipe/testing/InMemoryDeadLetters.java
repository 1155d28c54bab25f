package io.maskpipe.testing;

import io.maskpipe.core.spi.DeadLetter;
import io.maskpipe.core.spi.DeadLetters;
import java.util.ArrayList;
import java.util.List;

/**
 * A dead-letter destination in memory, for tests and examples: keeps every rejected message with its reason.
 *
 * <p>Thread-safe.
 *
 * @since 0.1.0
 */
public final class InMemoryDeadLetters implements DeadLetters {
    private final List<DeadLetter> letters = new ArrayList<>();

    private InMemoryDeadLetters() {
    }

    /**
     * Returns an empty destination.
     *
     * @return the destination
     */
    public static InMemoryDeadLetters create() {
        return new InMemoryDeadLetters();
    }

    /**
     * Returns the stored letters in the order they came.
     *
     * @return a copy
     */
    public synchronized List<DeadLetter> letters() {
        return List.copyOf(letters);
    }

    @Override
    public synchronized void store(List<DeadLetter> batch) {
        letters.addAll(batch);
    }

    /** Returns the count: {@code InMemoryDeadLetters[stored=2]}. */
    @Override
    public synchronized String toString() {
        return "InMemoryDeadLetters[stored=" + letters.size() + "]";
    }
}
