package io.maskpipe.examples;

import io.maskpipe.core.Masker;
import io.maskpipe.core.Pipeline;
import io.maskpipe.core.PipelineStage;
import io.maskpipe.core.spi.Source;

/** The user-logins steps, shared by the polling example and the Lambda handler so both mask alike. */
final class UserLogins {
    private UserLogins() {
    }

    /** Requires the fields analysts need, keeps only the known ones, and masks {@code ip} and {@code device_id}. */
    static PipelineStage steps(Source source, Masker ipMasker, Masker deviceMasker) {
        return Pipeline.from(source)
                .require("user_id", "device_type", "ip", "device_id", "app_version")
                .keepOnly("user_id", "device_type", "ip", "device_id", "locale", "app_version")
                .mask("ip", ipMasker)
                .mask("device_id", deviceMasker);
    }
}
