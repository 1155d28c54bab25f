package io.maskpipe.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.InputStream;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.reflect.InvocationTargetException;
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
    private static final String MODULE = "io.maskpipe.sqs";

    private static Path classes() throws Exception {
        return Path.of(SqsSource.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static ModuleDescriptor descriptor() throws Exception {
        try (InputStream in = Files.newInputStream(classes().resolve("module-info.class"))) {
            return ModuleDescriptor.read(in);
        }
    }

    @Test
    void descriptor_exports_onlyTheSqsPackageUnqualified() throws Exception {
        ModuleDescriptor descriptor = descriptor();

        assertThat(descriptor.name()).isEqualTo(MODULE);
        assertThat(descriptor.isAutomatic()).isFalse();
        assertThat(descriptor.exports().stream().map(ModuleDescriptor.Exports::source))
                .containsExactly("io.maskpipe.sqs");
        assertThat(descriptor.exports()).noneMatch(ModuleDescriptor.Exports::isQualified);
        assertThat(descriptor.opens()).isEmpty();
    }

    @Test
    void descriptor_requires_coreAndTheSdkModulesOfItsApiTransitively() throws Exception {
        Set<ModuleDescriptor.Requires> requires = descriptor().requires();

        assertThat(requires.stream().filter(r -> r.modifiers().contains(ModuleDescriptor.Requires.Modifier.TRANSITIVE))
                .map(ModuleDescriptor.Requires::name)).containsExactlyInAnyOrder("io.maskpipe.core",
                "software.amazon.awssdk.services.sqs", "software.amazon.awssdk.regions", "software.amazon.awssdk.auth");
        assertThat(requires.stream().map(ModuleDescriptor.Requires::name)).containsExactlyInAnyOrder("java.base",
                "io.maskpipe.core", "software.amazon.awssdk.services.sqs", "software.amazon.awssdk.regions",
                "software.amazon.awssdk.auth", "software.amazon.awssdk.core", "software.amazon.awssdk.awscore",
                "com.fasterxml.jackson.core", "org.slf4j");
    }

    @Test
    void modulePath_runtimeDependencies_resolveAndRunTheBuilder() throws Exception {
        ModuleLayer layer = layerOnModulePath();
        Class<?> source = layer.findLoader(MODULE).loadClass("io.maskpipe.sqs.SqsSource");
        Object builder = source.getMethod("builder").invoke(null);
        builder.getClass().getMethod("queueUrl", String.class).invoke(builder, "http://127.0.0.1:1/000000000000/q");

        assertThat(source.getModule().getName()).isEqualTo(MODULE);
        assertThat(source.getModule().getDescriptor().isAutomatic()).isFalse();
        assertThat(layer.findModule("software.amazon.awssdk.services.sqs")).isPresent();
        // No SDK HTTP client is a runtime dependency: the module's own message says what to add.
        assertThatThrownBy(() -> invokeBuild(builder)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("client: the AWS SDK could not build an SqsClient");
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
                .contains(MODULE, "io.maskpipe.core", "org.slf4j", "com.fasterxml.jackson.core");
        return ModuleLayer.boot().defineModulesWithOneLoader(configuration, ClassLoader.getPlatformClassLoader());
    }

    private static void invokeBuild(Object builder) throws Throwable {
        try {
            builder.getClass().getMethod("build").invoke(builder);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
