package io.maskpipe.faults;

import io.maskpipe.core.Pipeline;
import io.maskpipe.core.PipelineSummary;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

/** Running a pipeline in the background and waiting for conditions, for the fault tests. */
final class Waits {
    private Waits() {
    }

    /** Runs the pipeline in a thread of its own: the future completes with its summary or its exception. */
    static CompletableFuture<PipelineSummary> runInBackground(Pipeline pipeline) {
        CompletableFuture<PipelineSummary> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(pipeline.run());
            } catch (Throwable e) {
                result.completeExceptionally(e);
            }
        }, "fault-suite-run");
        thread.setDaemon(true);
        thread.start();
        return result;
    }

    /** Waits until the condition holds, polling every 20 ms. */
    static void await(String what, Duration timeout, BooleanSupplier condition) {
        if (!poll(timeout, condition)) {
            throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what);
        }
    }

    /** Returns whether the condition came to hold within the timeout, polling every 20 ms. */
    static boolean poll(Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            sleep(Duration.ofMillis(20));
        }
        return true;
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
