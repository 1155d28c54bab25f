package io.maskpipe.benchmarks;

/**
 * What one phase of the end-to-end harness measured: messages (or rows) handled in all, the phase's wall time, and
 * its steady-state window (rate and this process's CPU per message between two progress marks).
 */
record PhaseResult(String name, long messages, long nanos, SteadyMeter.Window steady, String note) {
    PhaseResult(String name, long messages, long nanos, SteadyMeter.Window steady) {
        this(name, messages, nanos, steady, "");
    }

    /** The same result with a note printed under its line, e.g. its SQS calls per message. */
    PhaseResult withNote(String text) {
        return new PhaseResult(name, messages, nanos, steady, text);
    }

    /** Messages per second over the whole phase, start-up and drain included. */
    double wholeRate() {
        return nanos == 0 ? Double.NaN : messages / (nanos / 1e9);
    }

    /** Messages per second in the steady window, the figure the ratios use. */
    double rate() {
        return steady.messages() > 0 ? steady.rate() : wholeRate();
    }

    double cpuMicrosPerMessage() {
        return steady.cpuMicrosPerMessage();
    }
}
