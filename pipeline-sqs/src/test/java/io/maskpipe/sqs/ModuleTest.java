package io.maskpipe.sqs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskpipe.doccheck.ModuleUnderTest;
import java.lang.reflect.InvocationTargetException;
import org.junit.jupiter.api.Test;

/**
 * Reads the compiled module descriptor, and resolves the module on a module path of its runtime dependencies (the
 * list Maven writes to {@code target/runtime-module-path.txt}), as an application that is a module would. The
 * other tests run on the class path.
 */
class ModuleTest {
    private static final String MODULE = "io.maskpipe.sqs";
    private static final ModuleUnderTest SQS = ModuleUnderTest.of(SqsSource.class);

    @Test
    void descriptor_exports_onlyTheSqsPackageUnqualified() {
        assertThat(SQS.descriptor().name()).isEqualTo(MODULE);
        assertThatCode(() -> SQS.assertExportsOnly("io.maskpipe.sqs")).doesNotThrowAnyException();
    }

    @Test
    void descriptor_requires_coreAndTheSdkModulesOfItsApiTransitively() {
        assertThat(SQS.requiresTransitive()).containsExactlyInAnyOrder("io.maskpipe.core",
                "software.amazon.awssdk.services.sqs", "software.amazon.awssdk.regions", "software.amazon.awssdk.auth");
        assertThat(SQS.requires()).containsExactlyInAnyOrder("java.base",
                "io.maskpipe.core", "software.amazon.awssdk.services.sqs", "software.amazon.awssdk.regions",
                "software.amazon.awssdk.auth", "software.amazon.awssdk.core", "software.amazon.awssdk.awscore",
                "com.fasterxml.jackson.core", "org.slf4j");
    }

    @Test
    void modulePath_runtimeDependencies_resolveAndRunTheBuilder() throws Exception {
        ModuleLayer layer = SQS.layer();
        Class<?> source = layer.findLoader(MODULE).loadClass("io.maskpipe.sqs.SqsSource");
        Object builder = source.getMethod("builder").invoke(null);
        builder.getClass().getMethod("queueUrl", String.class).invoke(builder, "http://127.0.0.1:1/000000000000/q");

        assertThat(ModuleUnderTest.names(layer)).contains(MODULE, "io.maskpipe.core", "org.slf4j",
                "com.fasterxml.jackson.core", "software.amazon.awssdk.services.sqs");
        assertThat(source.getModule().getName()).isEqualTo(MODULE);
        assertThat(source.getModule().getDescriptor().isAutomatic()).isFalse();
        // No SDK HTTP client is a runtime dependency: the module's own message says what to add.
        assertThatThrownBy(() -> invokeBuild(builder)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("client: the AWS SDK could not build an SqsClient");
    }

    private static void invokeBuild(Object builder) throws Throwable {
        try {
            builder.getClass().getMethod("build").invoke(builder);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
