package io.maskpipe.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.InputStream;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleDescriptor.Requires;
import java.lang.module.ModuleFinder;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Reads the compiled module descriptor, and runs the sink as a module: resolved on a module path of its runtime
 * dependencies (the list Maven writes to {@code target/runtime-module-path.txt}), as an application that is a module
 * would, it writes a record into the test database. The other tests run on the class path.
 */
class ModuleTest {
    private static final String MODULE = "io.maskpipe.postgres";

    @RegisterExtension
    static final TestDatabase database = new TestDatabase();

    private static Path classes() throws Exception {
        return Path.of(PostgresSink.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    private static ModuleDescriptor descriptor() throws Exception {
        try (InputStream in = Files.newInputStream(classes().resolve("module-info.class"))) {
            return ModuleDescriptor.read(in);
        }
    }

    @Test
    void descriptor_exports_onlyThePostgresPackageUnqualified() throws Exception {
        ModuleDescriptor descriptor = descriptor();

        assertThat(descriptor.name()).isEqualTo(MODULE);
        assertThat(descriptor.isAutomatic()).isFalse();
        assertThat(descriptor.exports().stream().map(ModuleDescriptor.Exports::source))
                .containsExactly("io.maskpipe.postgres");
        assertThat(descriptor.exports()).noneMatch(ModuleDescriptor.Exports::isQualified);
        assertThat(descriptor.opens()).isEmpty();
    }

    @Test
    void descriptor_requires_coreJavaSqlAndJdbiOfItsApiTransitively() throws Exception {
        Set<Requires> requires = descriptor().requires();

        // The builder takes a javax.sql.DataSource and a Jdbi; the sink is a core Sink of core Records.
        assertThat(requires.stream().filter(r -> r.modifiers().contains(Requires.Modifier.TRANSITIVE))
                .map(Requires::name)).containsExactlyInAnyOrder("io.maskpipe.core", "java.sql", "org.jdbi.v3.core");
        assertThat(requires.stream().map(Requires::name)).containsExactlyInAnyOrder("java.base", "io.maskpipe.core",
                "java.sql", "org.jdbi.v3.core", "io.leangen.geantyref", "java.naming", "org.postgresql.jdbc", "org.slf4j");
    }

    @Test
    void modulePath_runtimeDependencies_resolveAndWriteARecord() throws Exception {
        database.execute("CREATE TABLE module_logins(user_id text)");
        ModuleLayer layer = layerOnModulePath();
        ClassLoader loader = layer.findLoader(MODULE);
        Class<?> sinkType = loader.loadClass("io.maskpipe.postgres.PostgresSink");

        Object builder = sinkType.getMethod("into", String.class).invoke(null, "module_logins");
        call(builder, "url", String.class, database.url());
        call(builder, "column", String.class, "user_id", String.class, "user_id");
        try (AutoCloseable sink = (AutoCloseable) builder.getClass().getMethod("build").invoke(builder)) {
            List<?> results = (List<?>) sinkType.getMethod("write", List.class).invoke(sink, List.of(record(loader)));
            assertThat(results).singleElement().hasToString("WRITTEN");
        }

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
                .contains(MODULE, "io.maskpipe.core", "org.jdbi.v3.core", "org.postgresql.jdbc", "org.slf4j");
        return ModuleLayer.boot().defineModulesWithOneLoader(configuration, ClassLoader.getPlatformClassLoader());
    }
}
