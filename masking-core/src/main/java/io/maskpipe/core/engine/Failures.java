package io.maskpipe.core.engine;

import io.maskpipe.core.record.MaskpipeException;

/** How the engine names a failure in its log lines and run failures, never quoting a value. */
final class Failures {
    private Failures() {
    }

    /** A safe description of a failure: a maskpipe exception's message (values never in it), else the class. */
    static String describe(Throwable e) {
        return e instanceof MaskpipeException && e.getMessage() != null ? e.getMessage() : e.getClass().getName();
    }
}
