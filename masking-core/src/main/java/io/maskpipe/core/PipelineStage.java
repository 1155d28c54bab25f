package io.maskpipe.core;

import io.maskpipe.core.engine.Backoff;
import io.maskpipe.core.engine.PipelineSettings;
import io.maskpipe.core.key.Keyring;
import io.maskpipe.core.record.FieldPath;
import io.maskpipe.core.record.ReasonCode;
import io.maskpipe.core.spi.DeadLetters;
import io.maskpipe.core.spi.Sink;
import io.maskpipe.core.spi.Source;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A pipeline being described: its source, the steps applied to each record, and its settings. Only
 * {@link #to(Sink)} makes it runnable.
 *
 * <p>Every method returns a new stage and leaves this one unchanged, so a half-built pipeline can be shared and
 * extended twice. Steps run in the order given. A setting given twice is an error naming it, as is a setting out of
 * range; combinations are checked by {@link #to(Sink)}. Immutable and thread-safe. This class is long because each
 * setting documents its default and its effect, as {@code docs/pipeline.md} does in more depth.
 *
 * @since 0.1.0
 */
public final class PipelineStage {
    static final int DEFAULT_BATCH_ROWS = 100;
    static final Duration DEFAULT_LINGER = Duration.ofMillis(100);

    private final Source source;
    private final List<Transform> steps;
    private final Map<String, Object> settings;

    private PipelineStage(Source source, List<Transform> steps, Map<String, Object> settings) {
        this.source = source;
        this.steps = steps;
        this.settings = settings;
    }

    static PipelineStage from(Source source) {
        return new PipelineStage(Objects.requireNonNull(source, "source"), List.of(), Map.of());
    }

    /**
     * Adds a step that masks a field with the masker, its path as the domain label.
     *
     * @param path the field's path, such as {@code ip} or {@code device.id}
     * @param masker the masker
     * @return the new stage
     * @see Transforms#mask(String, Masker)
     */
    public PipelineStage mask(String path, Masker masker) {
        return step(Transforms.mask(path, masker));
    }

    /**
     * Adds a step that masks a field with a shared domain label, so that equal values in two fields can be joined.
     *
     * @param path the field's path
     * @param masker the masker
     * @param domain the domain label
     * @return the new stage
     * @see Transforms#mask(String, Masker, String)
     */
    public PipelineStage mask(String path, Masker masker, String domain) {
        return step(Transforms.mask(path, masker, domain));
    }

    /**
     * Adds a step: a built-in from {@link Transforms} or a custom transform. A custom transform that throws or
     * returns {@code null} rejects the message as {@link ReasonCode#TRANSFORM_FAILED}.
     *
     * @param transform the step
     * @return the new stage
     */
    public PipelineStage transform(Transform transform) {
        return step(GuardedStep.of(Objects.requireNonNull(transform, "transform")));
    }

    /**
     * Adds a step that removes fields.
     *
     * @param paths the fields' paths, at least one
     * @return the new stage
     * @see Transforms#drop
     */
    public PipelineStage drop(String... paths) {
        return step(Transforms.drop(paths));
    }

    /**
     * Adds a step that moves a field to another path.
     *
     * @param from the field's current path
     * @param to its new path
     * @return the new stage
     * @see Transforms#rename
     */
    public PipelineStage rename(String from, String to) {
        return step(Transforms.rename(from, to));
    }

    /**
     * Adds a step that keeps only the listed fields.
     *
     * @param paths the fields to keep, at least one
     * @return the new stage
     * @see Transforms#keepOnly
     */
    public PipelineStage keepOnly(String... paths) {
        return step(Transforms.keepOnly(paths));
    }

    /**
     * Adds a step that rejects records missing a field or holding JSON null in it.
     *
     * @param paths the required fields, at least one
     * @return the new stage
     * @see Transforms#require
     */
    public PipelineStage require(String... paths) {
        return step(Transforms.require(paths));
    }

    /**
     * Sets how records are gathered into sink batches: a batch is written when it holds {@code maxRows} records or
     * its oldest record has waited {@code maxLinger}, whichever comes first. Defaults: 100 rows, 100 ms.
     *
     * @param maxRows the most records in one sink batch, at least 1
     * @param maxLinger how long a record may wait for others to join its batch, zero or more
     * @return the new stage
     */
    public PipelineStage batching(int maxRows, Duration maxLinger) {
        atLeast("batching maxRows", maxRows, 1);
        notNegative("batching maxLinger", maxLinger);
        return setting("batching", new Object[] {maxRows, maxLinger});
    }

    /**
     * Sets how many threads receive from the source at once. Default: 2.
     *
     * @param pollers the number of polling threads, at least 1
     * @return the new stage
     */
    public PipelineStage pollers(int pollers) {
        return setting("pollers", atLeast("pollers", pollers, 1));
    }

    /**
     * Sets how many sink batches may be written at once. Default: 1. Ordered groups stay in order at any value.
     *
     * @param writers the number of concurrent sink writes, at least 1
     * @return the new stage
     */
    public PipelineStage writers(int writers) {
        return setting("writers", atLeast("writers", writers, 1));
    }

    /**
     * Sets how many received messages may be unresolved at once: pollers wait while this many are in flight, so
     * memory stays bounded when the sink lags. Default: 1000. A poller that starts a receive below the limit may
     * take it past by one receive's worth.
     *
     * @param maxInFlight the bound, at least the batch size
     * @return the new stage
     */
    public PipelineStage maxInFlight(int maxInFlight) {
        return setting("maxInFlight", atLeast("maxInFlight", maxInFlight, 1));
    }

    /**
     * Sets the pipeline's one backoff for transient failures of the sink, the dead-letter destination,
     * acknowledgements and receives, with no limit on attempts: the pipeline keeps trying until it is stopped.
     * Connectors do not retry on their own (beyond their client's transport retries), so this is the only retry
     * policy to set. Default: 100 ms doubling up to 30 s, each wait a random time between half and all of that.
     *
     * @param initialDelay the wait after the first failure, zero or more
     * @param maxDelay the longest wait, at least {@code initialDelay}
     * @return the new stage
     */
    public PipelineStage retry(Duration initialDelay, Duration maxDelay) {
        return retry(initialDelay, maxDelay, 0, "retry");
    }

    /**
     * Sets the backoff for transient failures with a limit: when a sink write, dead-letter store or acknowledgement
     * has failed {@code maxAttempts} times, the pipeline stops with a {@link PipelineException}, leaving every
     * unstored message unacknowledged. Receives are retried without a limit until the pipeline is stopped.
     *
     * @param initialDelay the wait after the first failure, zero or more
     * @param maxDelay the longest wait, at least {@code initialDelay}
     * @param maxAttempts how many attempts in all, at least 1
     * @return the new stage
     */
    public PipelineStage retry(Duration initialDelay, Duration maxDelay, int maxAttempts) {
        return retry(initialDelay, maxDelay, atLeast("retry maxAttempts", maxAttempts, 1), "retry");
    }

    /**
     * Sets how long one receive waits for messages when the source has none (long polling). Default: 1 s. Longer
     * waits mean fewer empty receives, and a slower graceful stop and drain.
     *
     * @param pollWait the wait passed to {@link Source#receive}, zero or more
     * @return the new stage
     */
    public PipelineStage pollWait(Duration pollWait) {
        return setting("pollWait", notNegative("pollWait", pollWait));
    }

    /**
     * Sets when {@link Pipeline#run()} considers the source drained: after this many empty receives in a row with
     * no message in flight. Default: 3. A pipeline {@link Pipeline#start() started} runs until stopped instead.
     *
     * @param emptyReceives the count, at least 1
     * @return the new stage
     */
    public PipelineStage emptyReceivesToDrain(int emptyReceives) {
        return setting("emptyReceivesToDrain", atLeast("emptyReceivesToDrain", emptyReceives, 1));
    }

    /**
     * Sets where rejected messages are stored before they are acknowledged, sealed: the store receives each one
     * with the reason code, field path, rule, message id and sent time in the clear, and its original body and
     * metadata (the source's attributes included) sealed with AES-256-GCM under a subkey the ring derives for dead
     * letters, the key id in front and the message id bound to it. Only a holder of the ring can read them, with
     * {@link SealedDeadLetter#open} or a replay ({@code docs/dead-letters.md}); {@code docs/format.md} gives the byte
     * format. The primary key seals; keep a retired key in the ring until its letters are replayed or expired.
     *
     * <p>Without dead letters, rejected messages are left unacknowledged for the queue's redrive policy, which moves
     * raw bodies. There is no one-argument {@code deadLetters(store)}: choose sealed or
     * {@link #deadLettersUnsealed(DeadLetters) unsealed} by name.
     *
     * @param deadLetters the dead-letter destination
     * @param keyring the key ring whose primary key seals
     * @return the new stage
     */
    public PipelineStage deadLetters(DeadLetters deadLetters, Keyring keyring) {
        Objects.requireNonNull(deadLetters, "deadLetters");
        Objects.requireNonNull(keyring, "keyring");
        return setting("deadLetters", new SealingDeadLetters(deadLetters, DeadLetterSeal.of(keyring)));
    }

    /**
     * Sets where rejected messages are stored before they are acknowledged, with their raw bodies as received:
     * personal data included, readable by anyone who can read the destination. The weaker choice, for a pipeline
     * with no key ring (one that only drops or redacts, say); prefer {@link #deadLetters(DeadLetters, Keyring)}.
     *
     * @param deadLetters the dead-letter destination
     * @return the new stage
     */
    public PipelineStage deadLettersUnsealed(DeadLetters deadLetters) {
        return setting("deadLetters", Objects.requireNonNull(deadLetters, "deadLetters"));
    }

    /**
     * Declares fields that hold personal data. A declared field that would reach the sink unmasked (no
     * {@code mask} step for it, nor a {@code drop} or {@code keepOnly} that removes it, following renames) is a
     * configuration error: {@link Pipeline#run()} and {@link Pipeline#start()} throw a {@link PipelineException}
     * naming the field and the column before any message is taken. The sink says which field each column takes
     * ({@link Sink#fieldsByColumn()}); a sink that does not say counts as forwarding the whole record. Only a
     * {@code mask} step masks: a custom transform or conversion does not count.
     *
     * @param paths the personal fields' paths, at least one
     * @return the new stage
     */
    public PipelineStage personal(String... paths) {
        return setting("personal", List.of(Steps.parseAll("personal", Objects.requireNonNull(paths, "paths"))));
    }

    /**
     * Adds a step that names fields which pass unchanged, for a strict field policy ({@link #unknownFields}); it
     * changes nothing.
     *
     * @param paths the fields' paths, at least one
     * @return the new stage
     */
    public PipelineStage keep(String... paths) {
        return step(KeepStep.of(Objects.requireNonNull(paths, "paths")));
    }

    /**
     * Sets what happens to an incoming field that no step names ({@code mask}, {@code keep}, {@code drop},
     * {@code rename}, {@code keepOnly}, {@code require}, {@code maxLength}, {@code convert}, {@code derive}): with
     * {@link UnknownFields#REJECT} the message is rejected as {@code UNKNOWN_FIELD} (its path only), with
     * {@link UnknownFields#DROP} the field is removed and reported to {@link PipelineListener#unknownFieldDropped}.
     * The check runs before every other step. Default: {@link UnknownFields#ALLOW}.
     *
     * @param policy the policy
     * @return the new stage
     */
    public PipelineStage unknownFields(UnknownFields policy) {
        return setting("unknownFields", Objects.requireNonNull(policy, "policy"));
    }

    /**
     * Sets the listener that hears every receive, write, duplicate, rejection, retry and failed acknowledgement.
     *
     * @param listener the listener
     * @return the new stage
     */
    public PipelineStage listener(PipelineListener listener) {
        return setting("listener", Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Makes every run of the pipeline stop gracefully when the JVM shuts down (SIGTERM from ECS, Kubernetes or
     * systemd, Ctrl-C, {@code System.exit}): polling stops, in-flight messages are written and acknowledged within
     * {@code grace}, the rest is released to the queue, and the summary is printed to standard error. Choose it a
     * few seconds shorter than the time the platform allows before it kills the process. Default: none (a
     * shutdown ends the run abruptly; nothing is lost, but unfinished messages stay hidden until their visibility
     * timeout). {@link Pipeline#runUntilShutdown(Duration)} always stops this way.
     *
     * @param grace how long in-flight work may take once shutdown begins, zero or more
     * @return the new stage
     */
    public PipelineStage shutdownGrace(Duration grace) {
        return setting("shutdownGrace", notNegative("shutdownGrace", grace));
    }

    /**
     * Sets whether the engine extends the visibility of messages still in flight after half of the source's
     * {@link Source#visibilityTimeout()}, so a slow batch is not delivered to another consumer meanwhile.
     * Default: on (sources without a visibility timeout are never extended).
     *
     * @param enabled whether to extend visibility
     * @return the new stage
     */
    public PipelineStage visibilityHeartbeat(boolean enabled) {
        return setting("visibilityHeartbeat", enabled);
    }

    /**
     * Ends the description with the sink and returns the runnable pipeline. Nothing starts until
     * {@link Pipeline#run()} or {@link Pipeline#start()}.
     *
     * @param sink where masked records go
     * @return the pipeline
     * @throws IllegalStateException when settings conflict, such as {@code maxInFlight} below the batch size
     */
    public Pipeline to(Sink sink) {
        Objects.requireNonNull(sink, "sink");
        Object[] batching = (Object[]) settings.getOrDefault("batching",
                new Object[] {DEFAULT_BATCH_ROWS, DEFAULT_LINGER});
        int maxRows = (Integer) batching[0];
        int maxInFlight = (Integer) settings.getOrDefault("maxInFlight", Math.max(1000, maxRows));
        if (maxInFlight < maxRows) {
            throw new IllegalStateException("pipeline: maxInFlight (" + maxInFlight
                    + ") must be at least the batch size (" + maxRows + ")");
        }
        GuardedListener listener = new GuardedListener(
                (PipelineListener) settings.getOrDefault("listener", new PipelineListener() { }));
        UnknownFields policy = (UnknownFields) settings.getOrDefault("unknownFields", UnknownFields.ALLOW);
        List<Transform> all = new ArrayList<>();
        if (policy != UnknownFields.ALLOW) {
            all.add(new UnknownFieldsStep(FieldRules.named(steps), policy, listener));
        }
        all.addAll(steps);
        Transform chain = Transforms.chain(all);
        @SuppressWarnings("unchecked")
        List<FieldPath> personal = (List<FieldPath>) settings.getOrDefault("personal", List.of());
        boolean unsealed = settings.get("deadLetters") != null
                && !(settings.get("deadLetters") instanceof SealingDeadLetters);
        return new Pipeline(new PipelineSettings(source, chain::apply, sink, maxRows,
                (Duration) batching[1], (Integer) settings.getOrDefault("pollers", 2),
                (Integer) settings.getOrDefault("writers", 1), maxInFlight,
                (Backoff) settings.getOrDefault("retry",
                        new Backoff(Duration.ofMillis(100), Duration.ofSeconds(30), 0)),
                (Duration) settings.getOrDefault("pollWait", Duration.ofSeconds(1)),
                (Integer) settings.getOrDefault("emptyReceivesToDrain", 3),
                (DeadLetters) settings.get("deadLetters"), listener,
                (Boolean) settings.getOrDefault("visibilityHeartbeat", true)), chain,
                () -> FieldRules.personalProblems(personal, steps, sink, unsealed),
                (Duration) settings.get("shutdownGrace"));
    }

    /** Returns the steps, never values: {@code PipelineStage[mask(ip), drop[debug]]}. */
    @Override
    public String toString() {
        return "PipelineStage" + steps;
    }

    private PipelineStage step(Transform transform) {
        List<Transform> next = new ArrayList<>(steps);
        next.add(transform);
        return new PipelineStage(source, List.copyOf(next), settings);
    }

    private PipelineStage setting(String name, Object value) {
        if (settings.containsKey(name)) {
            throw new IllegalStateException("pipeline: " + name + " is already set");
        }
        Map<String, Object> next = new HashMap<>(settings);
        next.put(name, value);
        return new PipelineStage(source, steps, Map.copyOf(next));
    }

    private PipelineStage retry(Duration initialDelay, Duration maxDelay, int maxAttempts, String name) {
        notNegative(name + " initialDelay", initialDelay);
        notNegative(name + " maxDelay", maxDelay);
        if (maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("pipeline: " + name + " maxDelay (" + maxDelay
                    + ") must not be shorter than initialDelay (" + initialDelay + ")");
        }
        return setting(name, new Backoff(initialDelay, maxDelay, maxAttempts));
    }

    private static int atLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException("pipeline: " + name + " must be at least " + min + ", was " + value);
        }
        return value;
    }

    private static Duration notNegative(String name, Duration value) {
        Objects.requireNonNull(value, name.substring(name.lastIndexOf(' ') + 1));
        if (value.isNegative()) {
            throw new IllegalArgumentException("pipeline: " + name + " must not be negative, was " + value);
        }
        return value;
    }
}
