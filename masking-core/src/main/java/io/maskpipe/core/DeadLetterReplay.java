package io.maskpipe.core;

/**
 * Sends sealed dead letters back as their original messages: reads each dead letter, opens it with the key ring
 * ({@link SealedDeadLetter}), optionally keeps only some reason codes, sends the original body and attributes to a
 * chosen queue, and deletes the dead letter only once that send succeeded.
 *
 * <p>An implementation must be safe to run twice and safe to interrupt: a dead letter is never deleted before its
 * original was resent, and a resend carries the original message id so a sink that deduplicates by message id
 * writes it once, however often it is resent. A letter that does not open (its key left the ring, or it was
 * changed) or whose reason is filtered out stays where it is. The SQS one is {@code io.maskpipe.sqs.SqsReplay};
 * see {@code docs/dead-letters.md}.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface DeadLetterReplay {

    /**
     * Replays every dead letter there is now, until the dead-letter store has none left to hand out.
     *
     * @return what the replay did
     * @throws PipelineException when the store or the target failed for good; letters not yet resent stay
     */
    ReplaySummary run();
}
