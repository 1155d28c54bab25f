package io.maskpipe.core;

/**
 * What a {@link DeadLetterReplay} did: how many dead letters it read, resent (and deleted), skipped for their
 * reason, and could not open. Counts only, never a value.
 *
 * @param read the dead letters read
 * @param resent the originals sent back, whose dead letters were then deleted
 * @param skipped the dead letters left because their reason was not chosen
 * @param unopened the dead letters left because they did not open with the key ring (a missing key, a changed or an
 *     unsealed letter)
 * @param undeleted the originals resent whose dead letter could not be deleted: a next run resends them, and the
 *     sink deduplicates them by message id
 * @since 0.1.0
 */
public record ReplaySummary(long read, long resent, long skipped, long unopened, long undeleted) {

    /** Checks the counts. */
    public ReplaySummary {
        if (read < 0 || resent < 0 || skipped < 0 || unopened < 0 || undeleted < 0) {
            throw new IllegalArgumentException("replay summary: counts must not be negative");
        }
    }
}
