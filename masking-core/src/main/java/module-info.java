/**
 * maskpipe core: maskers, key rings, records, transforms and the pipeline engine, on the JDK alone.
 *
 * <p>Users import {@code io.maskpipe.core}; integrators who write a source or a sink implement
 * {@code io.maskpipe.core.spi}. Nothing else is exported.
 *
 * @since 0.1.0
 */
module io.maskpipe.core {
    exports io.maskpipe.core;
    exports io.maskpipe.core.spi;
}
