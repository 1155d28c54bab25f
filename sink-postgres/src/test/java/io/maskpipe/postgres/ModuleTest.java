package io.maskpipe.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.maskpipe.doccheck.ModuleUnderTest;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Reads the compiled module descriptor, and runs the sink as a module: resolved on a module path of its runtime
 * dependencies (the list Maven writes to {@code target/runtime-module-path.txt}), as an application that is a module
 * would, it writes a record into the test database. The other tests run on the class path.
 */
class ModuleTest {
    private static final String MODULE = "io.maskpipe.postgres";
    private static final ModuleUnderTest POSTGRES = ModuleUnderTest.of(PostgresSink.class);

    @RegisterExtension
    static final TestDatabase database = new TestDatabase();

    @Test
    void descriptor_exports_onlyThePostgresPackageUnqualified() {
        assertThat(POSTGRES.descriptor().name()).isEqualTo(MODULE);
        assertThatCode(() -> POSTGRES.assertExportsOnly("io.maskpipe.postgres")).doesNotThrowAnyException();
    }

    @Test
    void descriptor_requires_coreJavaSqlAndJdbiOfItsApiTransitively() {
        // The builder takes a javax.sql.DataSource and a Jdbi; the sink is a core Sink of core Records.
        assertThat(POSTGRES.requiresTransitive()).containsExactlyInAnyOrder("io.maskpipe.core", "java.sql",
                "org.jdbi.v3.core");
        assertThat(POSTGRES.requires()).containsExactlyInAnyOrder("java.base", "io.maskpipe.core", "java.sql",
                "org.jdbi.v3.core", "io.leangen.geantyref", "java.naming", "org.postgresql.jdbc", "org.slf4j");
    }

    @Test
    void modulePath_runtimeDependencies_resolveAndWriteARecord() throws Exception {
        database.execute("CREATE TABLE module_logins(user_id text)");
        ModuleLayer layer = POSTGRES.layer();
        ClassLoader loader = layer.findLoader(MODULE);
        Class<?> sinkType = loader.loadClass("io.maskpipe.postgres.PostgresSink");

        Object builder = sinkType.getMethod("into", String.class).invoke(null, "module_logins");
        call(builder, "url", String.class, database.url());
        call(builder, "column", String.class, "user_id", String.class, "user_id");
        try (AutoCloseable sink = (AutoCloseable) builder.getClass().getMethod("build").invoke(builder)) {
            List<?> results = (List<?>) sinkType.getMethod("write", List.class).invoke(sink, List.of(record(loader)));
            assertThat(results).singleElement().hasToString("WRITTEN");
        }

        assertThat(ModuleUnderTest.names(layer)).contains(MODULE, "io.maskpipe.core", "org.jdbi.v3.core",
                "org.postgresql.jdbc", "org.slf4j");
        assertThat(sinkType.getModule().getName()).isEqualTo(MODULE);
        assertThat(sinkType.getModule().getDescriptor().isAutomatic()).isFalse();
        assertThat(database.query("SELECT user_id FROM module_logins")).containsExactly(List.of("user-m1"));
        assertThat(database.count("maskpipe_ledger")).isEqualTo(1);
    }

    /** A record with a message id, built by the layer's own core module (its classes are not the test's). */
    private static Object record(ClassLoader loader) throws Exception {
        Class<?> recordType = loader.loadClass("io.maskpipe.core.record.Record");
        Class<?> metadataType = loader.loadClass("io.maskpipe.core.record.Metadata");
        Object metadata = metadataType.getMethod("of", Map.class).invoke(null, Map.of("message_id", "m1"));
        Object builder = recordType.getMethod("builder").invoke(null);
        call(builder, "put", String.class, "user_id", String.class, "user-m1");
        call(builder, "metadata", metadataType, metadata);
        return builder.getClass().getMethod("build").invoke(builder);
    }

    private static void call(Object target, String name, Class<?> type, Object argument) throws Exception {
        target.getClass().getMethod(name, type).invoke(target, argument);
    }

    private static void call(Object target, String name, Class<?> type1, Object argument1, Class<?> type2,
            Object argument2) throws Exception {
        Method method = target.getClass().getMethod(name, type1, type2);
        method.invoke(target, argument1, argument2);
    }
}
