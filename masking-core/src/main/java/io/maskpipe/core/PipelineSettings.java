package io.maskpipe.core;

import io.maskpipe.core.spi.DeadLetters;
import io.maskpipe.core.spi.PipelineListener;
import io.maskpipe.core.spi.Sink;
import io.maskpipe.core.spi.Source;
import java.time.Duration;

/** Everything a pipeline run needs, fixed when {@link PipelineStage#to} is called. */
record PipelineSettings(Source source, Transform steps, Sink sink, int maxBatchRows, Duration maxLinger,
        int pollers, int writers, int maxInFlight, Backoff retry, Duration pollWait, int emptyReceivesToDrain,
        DeadLetters deadLettersOrNull, PipelineListener listener, boolean visibilityHeartbeat) {

    @Override
    public String toString() {
        return "pollers=" + pollers + " writers=" + writers + " batch=" + maxBatchRows + " rows/"
                + maxLinger.toMillis() + "ms maxInFlight=" + maxInFlight + " deadLetters="
                + (deadLettersOrNull == null ? "none" : "on") + " heartbeat=" + visibilityHeartbeat;
    }
}
