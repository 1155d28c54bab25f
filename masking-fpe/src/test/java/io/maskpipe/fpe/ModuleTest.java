package io.maskpipe.fpe;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskpipe.core.MaskContext;
import java.io.File;
import java.io.InputStream;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleDescriptor.Requires;
import java.lang.module.ModuleFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Reads the compiled module descriptor, and runs the maskers as a module: resolved on a module path of their runtime
 * dependencies (the list Maven writes to {@code target/runtime-module-path.txt}), as an application that is a module
 * would, an FF1 masker masks and reveals a value. The other tests run on the class path.
 */
class ModuleTest {
    private static final String MODULE = "io.maskpipe.fpe";

    private static Path classes() throws Exception {
        return Path.of(Ff1Maskers.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static ModuleDescriptor descriptor() throws Exception {
        try (InputStream in = Files.newInputStream(classes().resolve("module-info.class"))) {
            return ModuleDescriptor.read(in);
        }
    }

    @Test
    void descriptor_exports_onlyTheFpePackageUnqualified() throws Exception {
        ModuleDescriptor descriptor = descriptor();

        assertThat(descriptor.name()).isEqualTo(MODULE);
        assertThat(descriptor.isAutomatic()).isFalse();
        assertThat(descriptor.exports().stream().map(ModuleDescriptor.Exports::source))
                .containsExactly("io.maskpipe.fpe");
        assertThat(descriptor.exports()).noneMatch(ModuleDescriptor.Exports::isQualified);
        assertThat(descriptor.opens()).isEmpty();
    }

    @Test
    void descriptor_requires_coreTransitivelyAndBouncyCastle() throws Exception {
        Set<Requires> requires = descriptor().requires();

        // The factories take a core Keyring and return a core Tokenizer; Bouncy Castle stays inside.
        assertThat(requires.stream().filter(r -> r.modifiers().contains(Requires.Modifier.TRANSITIVE))
                .map(Requires::name)).containsExactly("io.maskpipe.core");
        assertThat(requires.stream().map(Requires::name)).containsExactlyInAnyOrder("java.base", "io.maskpipe.core",
                "org.bouncycastle.provider");
    }

    @Test
    void modulePath_runtimeDependencies_resolveAndMaskAndReveal() throws Exception {
        ModuleLayer layer = layerOnModulePath();
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

        assertThat(masker.getClass().getModule().getName()).isEqualTo(MODULE);
        assertThat(masked).isNotEqualTo("4111111111111111").isEqualTo(Ff1Maskers.digits(TestRings.k1())
                .mask("4111111111111111", MaskContext.forField("account")));
        assertThat(revealed).isEqualTo("4111111111111111");
    }

    private static ModuleLayer layerOnModulePath() throws Exception {
        List<Path> path = new ArrayList<>();
        path.add(classes());
        String listed = Files.readString(Path.of("target", "runtime-module-path.txt")).strip();
        for (String entry : listed.split(File.pathSeparator)) {
            path.add(Path.of(entry));
        }
        ModuleFinder finder = ModuleFinder.of(path.toArray(Path[]::new));
        Configuration configuration = ModuleLayer.boot().configuration()
                .resolve(finder, ModuleFinder.of(), Set.of(MODULE));
        assertThat(configuration.modules().stream().map(m -> m.name()).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(MODULE, "io.maskpipe.core", "org.bouncycastle.provider");
        return ModuleLayer.boot().defineModulesWithOneLoader(configuration, ClassLoader.getPlatformClassLoader());
    }
}
