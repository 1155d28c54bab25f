package io.maskpipe.fpe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.maskpipe.core.MaskContext;
import io.maskpipe.doccheck.ModuleUnderTest;
import org.junit.jupiter.api.Test;

/**
 * Reads the compiled module descriptor, and runs the maskers as a module: resolved on a module path of their runtime
 * dependencies (the list Maven writes to {@code target/runtime-module-path.txt}), as an application that is a module
 * would, an FF1 masker masks and reveals a value. The other tests run on the class path.
 */
class ModuleTest {
    private static final String MODULE = "io.maskpipe.fpe";
    private static final ModuleUnderTest FPE = ModuleUnderTest.of(Ff1Maskers.class);

    @Test
    void descriptor_exports_onlyTheFpePackageUnqualified() {
        assertThat(FPE.descriptor().name()).isEqualTo(MODULE);
        assertThatCode(() -> FPE.assertExportsOnly("io.maskpipe.fpe")).doesNotThrowAnyException();
    }

    @Test
    void descriptor_requires_coreTransitivelyAndBouncyCastle() {
        // The factories take a core Keyring and return a core Tokenizer; Bouncy Castle stays inside.
        assertThat(FPE.requiresTransitive()).containsExactly("io.maskpipe.core");
        assertThat(FPE.requires()).containsExactlyInAnyOrder("java.base", "io.maskpipe.core",
                "org.bouncycastle.provider");
    }

    @Test
    void modulePath_runtimeDependencies_resolveAndMaskAndReveal() throws Exception {
        ModuleLayer layer = FPE.layer();
        ClassLoader loader = layer.findLoader(MODULE);
        Class<?> keyringType = loader.loadClass("io.maskpipe.core.key.Keyring");
        Class<?> contextType = loader.loadClass(MaskContext.class.getName());
        Object ring = keyringType.getMethod("of", String.class, byte[].class).invoke(null, "k1", TestRings.key(0));
        Object context = contextType.getMethod("forField", String.class).invoke(null, "account");
        Class<?> maskers = loader.loadClass("io.maskpipe.fpe.Ff1Maskers");
        Object masker = maskers.getMethod("digits", keyringType).invoke(null, ring);

        String masked = (String) masker.getClass().getMethod("mask", String.class, contextType)
                .invoke(masker, "4111111111111111", context);
        String revealed = (String) masker.getClass().getMethod("reveal", String.class, contextType)
                .invoke(masker, masked, context);

        assertThat(ModuleUnderTest.names(layer)).containsExactlyInAnyOrder(MODULE, "io.maskpipe.core",
                "org.bouncycastle.provider");
        assertThat(masker.getClass().getModule().getName()).isEqualTo(MODULE);
        assertThat(masked).isNotEqualTo("4111111111111111").isEqualTo(Ff1Maskers.digits(TestRings.k1())
                .mask("4111111111111111", MaskContext.forField("account")));
        assertThat(revealed).isEqualTo("4111111111111111");
    }
}
