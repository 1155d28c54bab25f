package io.maskpipe.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.InputStream;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Reads the compiled module descriptor, and resolves the module on a module path of its runtime dependencies (the
 * list Maven writes to {@code target/runtime-module-path.txt}), as an application that is a module would. The
 * other tests run on the class path.
 */
class ModuleTest {
    private static final String MODULE = "io.maskpipe.micrometer";

    private static Path classes() throws Exception {
        return Path.of(MicrometerListener.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static ModuleDescriptor descriptor() throws Exception {
        try (InputStream in = Files.newInputStream(classes().resolve("module-info.class"))) {
            return ModuleDescriptor.read(in);
        }
    }

    @Test
    void descriptor_exports_onlyTheMicrometerPackageUnqualified() throws Exception {
        ModuleDescriptor descriptor = descriptor();

        assertThat(descriptor.name()).isEqualTo(MODULE);
        assertThat(descriptor.isAutomatic()).isFalse();
        assertThat(descriptor.exports().stream().map(ModuleDescriptor.Exports::source))
                .containsExactly("io.maskpipe.micrometer");
        assertThat(descriptor.exports()).noneMatch(ModuleDescriptor.Exports::isQualified);
        assertThat(descriptor.opens()).isEmpty();
    }

    @Test
    void descriptor_requires_coreAndMicrometerTransitively() throws Exception {
        Set<ModuleDescriptor.Requires> requires = descriptor().requires();

        assertThat(requires.stream().filter(r -> r.modifiers().contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE))
                .map(ModuleDescriptor.Requires::name)).containsExactlyInAnyOrder("io.maskpipe.core", "micrometer.core");
        assertThat(requires.stream().map(ModuleDescriptor.Requires::name))
                .containsExactlyInAnyOrder("java.base", "io.maskpipe.core", "micrometer.core");
    }

    @Test
    void modulePath_runtimeDependencies_resolveAndRecordIntoARegistry() throws Exception {
        // given the module and its runtime dependencies in a layer of their own
        ModuleLayer layer = layerOnModulePath();
        ClassLoader loader = layer.findLoader(MODULE);
        Class<?> listenerType = loader.loadClass("io.maskpipe.micrometer.MicrometerListener");
        Class<?> registryType = loader.loadClass("io.micrometer.core.instrument.MeterRegistry");
        Object registry = loader.loadClass("io.micrometer.core.instrument.simple.SimpleMeterRegistry")
                .getConstructor().newInstance();

        // when
        Object listener = listenerType.getMethod("of", registryType).invoke(null, registry);
        listenerType.getMethod("received", int.class).invoke(listener, 3);

        // then
        assertThat(listenerType.getModule().getName()).isEqualTo(MODULE);
        assertThat(registryType.getModule().getName()).isEqualTo("micrometer.core");
        List<?> meters = (List<?>) registryType.getMethod("getMeters").invoke(registry);
        assertThat(meters).hasSize(7);
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
                .contains(MODULE, "io.maskpipe.core", "micrometer.core");
        return ModuleLayer.boot().defineModulesWithOneLoader(configuration, ClassLoader.getPlatformClassLoader());
    }
}
