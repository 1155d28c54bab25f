package io.maskpipe.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.maskpipe.doccheck.ModuleUnderTest;
import org.junit.jupiter.api.Test;

/** Reads the compiled module descriptor: masking-core needs the JDK alone and shows users four packages. */
class ModuleTest {
    private static final ModuleUnderTest CORE = ModuleUnderTest.of(Masker.class);

    @Test
    void descriptor_requires_onlyJavaBase() {
        assertThat(CORE.requires()).containsExactly("java.base");
    }

    @Test
    void descriptor_exports_onlyTheApiModelKeyAndSpiPackagesUnqualified() {
        assertThat(CORE.descriptor().name()).isEqualTo("io.maskpipe.core");
        assertThatCode(() -> CORE.assertExportsOnly("io.maskpipe.core", "io.maskpipe.core.record",
                "io.maskpipe.core.key", "io.maskpipe.core.spi")).doesNotThrowAnyException(); // not engine, internal
    }
}
