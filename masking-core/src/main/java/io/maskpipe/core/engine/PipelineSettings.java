package io.maskpipe.core.engine;

import io.maskpipe.core.record.Outcome;
import io.maskpipe.core.record.Record;
import io.maskpipe.core.spi.DeadLetters;
import io.maskpipe.core.spi.Sink;
import io.maskpipe.core.spi.Source;
import java.time.Duration;
import java.util.function.Function;

/**
 * Everything a pipeline run needs, fixed when the door's stage is finished with {@code to(sink)}: the source, the
 * steps as one function, the sink and the tuning.
 */
public record PipelineSettings(Source source, Function<Record, Outcome> steps, Sink sink, int maxBatchRows, Duration maxLinger,
        int pollers, int writers, int maxInFlight, Backoff retry, Duration pollWait, int emptyReceivesToDrain,
        DeadLetters deadLettersOrNull, RunEvents listener, boolean visibilityHeartbeat) {

    @Override
    public String toString() {
        return "pollers=" + pollers + " writers=" + writers + " batch=" + maxBatchRows + " rows/"
                + maxLinger.toMillis() + "ms maxInFlight=" + maxInFlight + " deadLetters="
                + (deadLettersOrNull == null ? "none" : "on") + " heartbeat=" + visibilityHeartbeat;
    }
}
