package io.maskpipe.core.engine;

import io.maskpipe.core.record.MaskpipeException;
import io.maskpipe.core.spi.ConnectorException;

/** How the engine names and classifies a failure, never quoting a value. */
final class Failures {
    private Failures() {
    }

    /** A safe description of a failure: a maskpipe exception's message (values never in it), else the class. */
    static String describe(Throwable e) {
        return e instanceof MaskpipeException && e.getMessage() != null ? e.getMessage() : e.getClass().getName();
    }

    /**
     * The kind of a connector's failure: its own for a {@link ConnectorException}, {@code TRANSIENT} for any other
     * exception (an unclassified failure is never taken for a record's fault nor for a broken setup).
     */
    static ConnectorException.Kind kindOf(Throwable e) {
        return e instanceof ConnectorException c ? c.kind() : ConnectorException.Kind.TRANSIENT;
    }
}
