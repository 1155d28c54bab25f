/**
 * maskpipe testing: an in-memory source, sink and dead-letter store, with fault injection, for users' own tests of
 * pipelines and custom maskers.
 *
 * @since 0.1.0
 */
module io.maskpipe.testing {
    requires transitive io.maskpipe.core;

    exports io.maskpipe.testing;
}
