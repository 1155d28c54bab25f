/**
 * maskpipe's format-preserving, reversible masking (NIST SP 800-38G FF1), on Bouncy Castle.
 *
 * <p>Users import {@code io.maskpipe.fpe} ({@code Ff1Maskers}, {@code Ff1Masker}); nothing else is exported. Core,
 * whose {@code Keyring} the factories take and whose {@code Tokenizer} the masker implements, is required
 * transitively; Bouncy Castle ({@code bcprov-jdk18on}, a named module) is an implementation detail.
 *
 * @since 0.1.0
 */
module io.maskpipe.fpe {
    requires transitive io.maskpipe.core;
    requires org.bouncycastle.provider;

    exports io.maskpipe.fpe;
}
