package io.maskpipe.postgres;

import io.maskpipe.core.record.ReasonCode;

/** Thrown by a column value that refuses a record; carries a reason code and a rule, never the value. */
final class ColumnRejection extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient ReasonCode reason;

    ColumnRejection(ReasonCode reason, String rule) {
        super(rule, null, false, false);
        this.reason = reason;
    }

    ReasonCode reason() {
        return reason;
    }

    String rule() {
        return getMessage();
    }
}
