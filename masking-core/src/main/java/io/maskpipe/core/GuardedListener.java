package io.maskpipe.core;

import io.maskpipe.core.spi.PipelineListener;
import io.maskpipe.core.spi.SinkException;
import java.lang.System.Logger.Level;
import java.time.Duration;

/** Calls the user's listener so that a throw is logged (class name only) and never reaches the engine. */
final class GuardedListener implements PipelineListener {
    private static final System.Logger LOG = System.getLogger(Pipeline.class.getName());

    private final PipelineListener delegate;

    GuardedListener(PipelineListener delegate) {
        this.delegate = delegate;
    }

    @Override
    public void received(int count) {
        guard(() -> delegate.received(count));
    }

    @Override
    public void written(int count) {
        guard(() -> delegate.written(count));
    }

    @Override
    public void duplicates(int count) {
        guard(() -> delegate.duplicates(count));
    }

    @Override
    public void rejected(String messageId, Rejection rejection, boolean deadLettered) {
        guard(() -> delegate.rejected(messageId, rejection, deadLettered));
    }

    @Override
    public void retried(int attempt, Duration delay, SinkException failure) {
        guard(() -> delegate.retried(attempt, delay, failure));
    }

    @Override
    public void batchWritten(int size, Duration latency) {
        guard(() -> delegate.batchWritten(size, latency));
    }

    @Override
    public void acknowledgeFailed(int count, RuntimeException failure) {
        guard(() -> delegate.acknowledgeFailed(count, failure));
    }

    @Override
    public void released(int count) {
        guard(() -> delegate.released(count));
    }

    private static void guard(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, () -> "pipeline: listener threw " + e.getClass().getName() + ", ignored");
        }
    }
}
