/**
 * maskpipe core: maskers, key rings, records, transforms and the pipeline engine, on the JDK alone.
 *
 * <p>Users import {@code io.maskpipe.core} (with {@code .record} for the record model and {@code .key} for key
 * rings); integrators who write a source, a sink or a dead-letter store implement {@code io.maskpipe.core.spi}. The
 * engine and the internal helpers are not exported.
 *
 * @since 0.1.0
 */
module io.maskpipe.core {
    exports io.maskpipe.core;
    exports io.maskpipe.core.key;
    exports io.maskpipe.core.record;
    exports io.maskpipe.core.spi;
}
