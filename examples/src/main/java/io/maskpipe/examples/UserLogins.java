package io.maskpipe.examples;

import io.maskpipe.core.Masker;
import io.maskpipe.core.Pipeline;
import io.maskpipe.core.PipelineStage;
import io.maskpipe.core.UnknownFields;
import io.maskpipe.core.spi.Source;

/** The user-logins steps, shared by the polling example and the Lambda handler so both mask alike. */
final class UserLogins {
    private UserLogins() {
    }

    /**
     * Strict steps: {@code ip} and {@code device_id} are declared personal (the run refuses to start if either could
     * reach a column unmasked), a field nobody named rejects the message, the fields analysts need are required, and
     * {@code ip} and {@code device_id} are masked.
     */
    static PipelineStage steps(Source source, Masker ipMasker, Masker deviceMasker) {
        return Pipeline.from(source)
                .personal("ip", "device_id")
                .unknownFields(UnknownFields.REJECT)
                .require("user_id", "device_type", "ip", "device_id", "app_version")
                .keep("locale")
                .mask("ip", ipMasker)
                .mask("device_id", deviceMasker);
    }
}
