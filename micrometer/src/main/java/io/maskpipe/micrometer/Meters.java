package io.maskpipe.micrometer;

import io.maskpipe.core.record.ReasonCode;
import io.maskpipe.core.spi.ConnectorException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.BaseUnits;
import java.util.Locale;
import java.util.Set;

/**
 * The meters of one listener: their names, tags and registration, in one place so that docs/pipeline.md's table
 * can be checked against it.
 */
final class Meters {
    /*
     * Maintainer notes. Names follow Micrometer's conventions (dot-separated, lower case, base units: seconds for
     * time, "messages" for counts of messages) and OpenTelemetry's messaging semantic conventions where one exists:
     * messaging.client.consumed.messages (one count per message pulled from the broker) and
     * messaging.process.duration (one per process operation; maskpipe processes a batch at a time), each with the
     * required attributes messaging.system and messaging.operation.name. The rest have no semantic convention and
     * live under "maskpipe.", named like the OpenTelemetry ones ("<what>.messages").
     *
     * Tags have low cardinality by construction: a reason code (a closed enum), a failure's kind (a closed enum) and
     * exception class (bounded by the classes on the class path), and the user's constant tags. Never a message id,
     * a field path (which may come from a message's own keys), a rule's wording or a value.
     */
    static final String CONSUMED = "messaging.client.consumed.messages";
    static final String PROCESS_DURATION = "messaging.process.duration";
    static final String WRITTEN = "maskpipe.written.messages";
    static final String DUPLICATE = "maskpipe.duplicate.messages";
    static final String REJECTED = "maskpipe.rejected.messages";
    static final String DEAD_LETTERED = "maskpipe.dead.lettered.messages";
    static final String RELEASED = "maskpipe.released.messages";
    static final String ACKNOWLEDGE_FAILED = "maskpipe.acknowledge.failed.messages";
    static final String IN_FLIGHT = "maskpipe.in.flight.messages";
    static final String RETRIES = "maskpipe.retries";
    static final String BATCH_SIZE = "maskpipe.batch.size";

    static final String SYSTEM = "messaging.system";
    static final String OPERATION = "messaging.operation.name";
    static final String REASON = "reason";
    static final String KIND = "kind";
    static final String EXCEPTION = "exception";

    /** The tag keys the listener sets itself, which the user's tags may not use. */
    static final Set<String> OWN_TAG_KEYS = Set.of(SYSTEM, OPERATION, REASON, KIND, EXCEPTION);

    final Counter consumed;
    final Counter written;
    final Counter duplicate;
    final Counter released;
    final Meter.MeterProvider<Counter> rejected;
    final Meter.MeterProvider<Counter> deadLettered;
    final Meter.MeterProvider<Counter> retries;
    final Meter.MeterProvider<Counter> acknowledgeFailed;
    final DistributionSummary batchSize;
    final Timer processDuration;
    final InFlightGauge inFlight;

    Meters(MeterRegistry registry, Tags tags, double[] percentilesOrNull, boolean histogram) {
        consumed = Counter.builder(CONSUMED).tags(tags).tag(OPERATION, "receive").baseUnit(BaseUnits.MESSAGES)
                .description("Messages received from the source").register(registry);
        written = Counter.builder(WRITTEN).tags(tags).baseUnit(BaseUnits.MESSAGES)
                .description("Records the sink stored for the first time").register(registry);
        duplicate = Counter.builder(DUPLICATE).tags(tags).baseUnit(BaseUnits.MESSAGES)
                .description("Records the sink had stored before (redeliveries)").register(registry);
        released = Counter.builder(RELEASED).tags(tags).baseUnit(BaseUnits.MESSAGES)
                .description("Unprocessed messages given back to the source at a stop that ran out of time")
                .register(registry);
        rejected = Counter.builder(REJECTED).tags(tags).baseUnit(BaseUnits.MESSAGES)
                .description("Rejected messages, dead-lettered or left for redrive, by reason code")
                .withRegistry(registry);
        deadLettered = Counter.builder(DEAD_LETTERED).tags(tags).baseUnit(BaseUnits.MESSAGES)
                .description("Rejected messages stored in the dead-letter destination, by reason code")
                .withRegistry(registry);
        retries = Counter.builder(RETRIES).tags(tags)
                .description("Sink writes and dead-letter stores tried again after a transient failure")
                .withRegistry(registry);
        acknowledgeFailed = Counter.builder(ACKNOWLEDGE_FAILED).tags(tags).baseUnit(BaseUnits.MESSAGES)
                .description("Handled messages whose acknowledgement (delete) failed; they come back as duplicates")
                .withRegistry(registry);
        DistributionSummary.Builder size = DistributionSummary.builder(BATCH_SIZE).tags(tags)
                .baseUnit(BaseUnits.MESSAGES).description("Records per batch written to the sink")
                .publishPercentileHistogram(histogram);
        Timer.Builder duration = Timer.builder(PROCESS_DURATION).tags(tags).tag(OPERATION, "process")
                .description("Time the sink took to store a batch, retries and splitting included")
                .publishPercentileHistogram(histogram);
        if (percentilesOrNull != null) {
            size.publishPercentiles(percentilesOrNull);
            duration.publishPercentiles(percentilesOrNull);
        }
        batchSize = size.register(registry);
        processDuration = duration.register(registry);
        inFlight = InFlightGauge.register(registry, IN_FLIGHT, tags,
                "Messages received whose outcome is not reported yet: received minus written, duplicate, rejected"
                        + " and released");
    }

    static Tags reason(ReasonCode reason) {
        return Tags.of(REASON, reason.name());
    }

    /** Returns the kind and exception tags of a failure: the kind in lower case, "unknown" for a non-connector one. */
    static Tags failure(RuntimeException failure) {
        String kind = failure instanceof ConnectorException connector
                ? connector.kind().name().toLowerCase(Locale.ROOT) : "unknown";
        return Tags.of(KIND, kind, EXCEPTION, exceptionName(failure));
    }

    /**
     * Returns the simple class name of what caused the failure, or of the failure itself when nothing did: the
     * adapter's wrapper (a SinkException) says less than the client's exception beneath it. Never a message.
     */
    static String exceptionName(Throwable failure) {
        Class<?> type = (failure.getCause() != null ? failure.getCause() : failure).getClass();
        String simple = type.getSimpleName();
        return simple.isEmpty() ? type.getName() : simple;
    }
}
