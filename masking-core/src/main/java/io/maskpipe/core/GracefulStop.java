package io.maskpipe.core;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/** {@link Pipeline#runUntilShutdown(Duration)}: a shutdown hook that stops a started run within its grace period. */
final class GracefulStop {
    private GracefulStop() {
    }

    static PipelineSummary run(RunningPipeline running, Duration grace) {
        AtomicReference<PipelineSummary> atShutdown = new AtomicReference<>();
        Thread hook = new Thread(() -> {
            PipelineSummary summary = running.stop(grace);
            atShutdown.set(summary);
            System.err.println("maskpipe: stopped at shutdown: " + summary);
            System.err.flush();
        }, "maskpipe-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        boolean interrupted = false;
        try {
            while (!running.awaitTermination(Duration.ofDays(1))) {
                // runs until the hook stops it, it fails, or this thread is interrupted
            }
        } catch (InterruptedException e) {
            interrupted = true;
        }
        boolean shuttingDown = !removeHook(hook);
        if (shuttingDown) {
            joinQuietly(hook); // the hook stops the run and prints the summary; return it if the JVM lets us
            PipelineSummary summary = atShutdown.get();
            return summary != null ? summary : running.summary();
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

    /** Returns false when the JVM is already shutting down (the hook is running or has run). */
    private static boolean removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    private static void joinQuietly(Thread hook) {
        try {
            hook.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
