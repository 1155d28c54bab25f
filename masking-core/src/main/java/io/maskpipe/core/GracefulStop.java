package io.maskpipe.core;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The graceful stop at JVM shutdown: a hook that stops a run within its grace period and prints the summary, for
 * {@link Pipeline#runUntilShutdown(Duration)} and for {@link PipelineStage#shutdownGrace(Duration)}.
 */
final class GracefulStop {
    private GracefulStop() {
    }

    /**
     * Installs a hook that, once the JVM shuts down (SIGTERM, Ctrl-C, {@code System.exit}), runs {@code stop} and
     * prints the summary to standard error: logging may already be shut down by then. Returns the hook, or
     * {@code null} when the JVM was already shutting down (then the run is stopped at once).
     */
    static Thread install(Runnable stop, Supplier<PipelineSummary> summary) {
        Thread hook = new Thread(() -> {
            stop.run();
            System.err.println("maskpipe: stopped at shutdown: " + summary.get());
            System.err.flush();
        }, "maskpipe-shutdown");
        try {
            Runtime.getRuntime().addShutdownHook(hook);
            return hook;
        } catch (IllegalStateException e) { // the JVM is already shutting down: stop at once, nothing to wait for
            stop.run();
            return null;
        }
    }

    /**
     * Removes the hook once the run ended; returns false when the JVM is already shutting down, after waiting for
     * the hook to have stopped the run and printed its summary.
     */
    static boolean remove(Thread hook) {
        if (hook == null) {
            return true;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
            return true;
        } catch (IllegalStateException e) {
            try {
                hook.join();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
            }
            return false;
        }
    }

    /** Runs a started pipeline until shutdown, a failure of its own, or an interrupt of the calling thread. */
    static PipelineSummary runUntilShutdown(RunningPipeline running, Duration grace) {
        Thread hook = install(() -> running.stop(grace), running::summary);
        boolean interrupted = false;
        try {
            while (!running.awaitTermination(Duration.ofDays(1))) {
                // runs until the hook stops it, it fails, or this thread is interrupted
            }
        } catch (InterruptedException e) {
            interrupted = true;
        }
        if (!remove(hook)) {
            return running.summary();
        }
        if (interrupted) {
            PipelineSummary summary = running.stop(grace);
            Thread.currentThread().interrupt();
            return summary;
        }
        Optional<PipelineException> failure = running.failure();
        if (failure.isPresent()) {
            throw failure.get();
        }
        return running.summary();
    }
}
