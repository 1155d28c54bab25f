package io.maskpipe.core;

import io.maskpipe.core.engine.RunEvents;
import io.maskpipe.core.record.FieldPath;
import io.maskpipe.core.record.Rejection;
import io.maskpipe.core.spi.ConnectorException;
import java.lang.System.Logger.Level;
import java.time.Duration;

/**
 * Hands the engine's events to the user's listener so that a throw is logged (class name only) and never reaches
 * the engine.
 */
final class GuardedListener implements RunEvents {
    private static final System.Logger LOG = System.getLogger(GuardedListener.class.getName());

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
    public void retried(int attempt, Duration delay, ConnectorException failure) {
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

    /** Reports a field the strict field policy dropped; not an engine event, the door's own. */
    void unknownFieldDropped(String messageId, FieldPath path) {
        guard(() -> delegate.unknownFieldDropped(messageId, path));
    }

    /**
     * Runs one call; an Error is kept from the engine too (a metrics class missing at run time, an assertion in a
     * test's listener), except a VirtualMachineError, which the engine's threads treat as fatal.
     */
    private static void guard(Runnable call) {
        try {
            call.run();
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            LOG.log(Level.WARNING, () -> "pipeline: listener threw " + e.getClass().getName() + ", ignored");
        }
    }
}
