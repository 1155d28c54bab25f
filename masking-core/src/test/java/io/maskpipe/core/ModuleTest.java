package io.maskpipe.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Reads the compiled module descriptor: masking-core needs the JDK alone and shows users two packages. */
class ModuleTest {

    private static ModuleDescriptor descriptor() throws Exception {
        Path classes = Path.of(Masker.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
            return ModuleDescriptor.read(in);
        }
    }

    @Test
    void descriptor_requires_onlyJavaBase() throws Exception {
        assertThat(descriptor().requires().stream().map(ModuleDescriptor.Requires::name))
                .containsExactly("java.base");
    }

    @Test
    void descriptor_exports_onlyTheApiModelKeyAndSpiPackagesUnqualified() throws Exception {
        ModuleDescriptor descriptor = descriptor();

        assertThat(descriptor.name()).isEqualTo("io.maskpipe.core");
        assertThat(descriptor.exports().stream().map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("io.maskpipe.core", "io.maskpipe.core.record", "io.maskpipe.core.key",
                        "io.maskpipe.core.spi"); // not the engine, not internal
        assertThat(descriptor.exports()).noneMatch(ModuleDescriptor.Exports::isQualified);
        assertThat(descriptor.opens()).isEmpty();
    }
}
