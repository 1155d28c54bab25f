package io.maskpipe.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.maskpipe.doccheck.ModuleUnderTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reads the compiled module descriptor, and resolves the module on a module path of its runtime dependencies (the
 * list Maven writes to {@code target/runtime-module-path.txt}), as an application that is a module would. The
 * other tests run on the class path.
 */
class ModuleTest {
    private static final String MODULE = "io.maskpipe.micrometer";
    private static final ModuleUnderTest MICROMETER = ModuleUnderTest.of(MicrometerListener.class);

    @Test
    void descriptor_exports_onlyTheMicrometerPackageUnqualified() {
        assertThat(MICROMETER.descriptor().name()).isEqualTo(MODULE);
        assertThatCode(() -> MICROMETER.assertExportsOnly("io.maskpipe.micrometer")).doesNotThrowAnyException();
    }

    @Test
    void descriptor_requires_coreAndMicrometerTransitively() {
        assertThat(MICROMETER.requiresTransitive()).containsExactlyInAnyOrder("io.maskpipe.core", "micrometer.core");
        assertThat(MICROMETER.requires()).containsExactlyInAnyOrder("java.base", "io.maskpipe.core",
                "micrometer.core");
    }

    @Test
    void modulePath_runtimeDependencies_resolveAndRecordIntoARegistry() throws Exception {
        // given the module and its runtime dependencies in a layer of their own
        ModuleLayer layer = MICROMETER.layer();
        ClassLoader loader = layer.findLoader(MODULE);
        Class<?> listenerType = loader.loadClass("io.maskpipe.micrometer.MicrometerListener");
        Class<?> registryType = loader.loadClass("io.micrometer.core.instrument.MeterRegistry");
        Object registry = loader.loadClass("io.micrometer.core.instrument.simple.SimpleMeterRegistry")
                .getConstructor().newInstance();

        // when
        Object listener = listenerType.getMethod("of", registryType).invoke(null, registry);
        listenerType.getMethod("received", int.class).invoke(listener, 3);

        // then
        assertThat(ModuleUnderTest.names(layer)).contains(MODULE, "io.maskpipe.core", "micrometer.core");
        assertThat(listenerType.getModule().getName()).isEqualTo(MODULE);
        assertThat(registryType.getModule().getName()).isEqualTo("micrometer.core");
        List<?> meters = (List<?>) registryType.getMethod("getMeters").invoke(registry);
        assertThat(meters).hasSize(7);
    }
}
