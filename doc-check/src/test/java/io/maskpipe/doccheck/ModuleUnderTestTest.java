package io.maskpipe.doccheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The module support on modules compiled for each test into {@code target/classes}-like directories: {@code demo.app}
 * requires {@code demo.lib} transitively and exports one package; the build's list beside its classes names the lib.
 */
class ModuleUnderTestTest {
    @TempDir
    Path work;

    @Test
    void descriptor_compiledModule_readsExportsAndRequires() throws IOException {
        ModuleUnderTest app = ModuleUnderTest.at(compileApp("exports demo.app;"));

        assertThat(app.descriptor().name()).isEqualTo("demo.app");
        assertThat(app.requires()).containsExactly("demo.lib", "java.base");
        assertThat(app.requiresTransitive()).containsExactly("demo.lib");
        assertThatCode(() -> app.assertExportsOnly("demo.app")).doesNotThrowAnyException();
    }

    @Test
    void assertExportsOnly_qualifiedExportAndOpens_failsNamingBoth() throws IOException {
        ModuleUnderTest app = ModuleUnderTest.at(compileApp("exports demo.app to demo.lib; opens demo.app;"));

        assertThatThrownBy(() -> app.assertExportsOnly("demo.app")).isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("module demo.app: qualified: demo.app to [demo.lib]; opens demo.app");
        assertThatThrownBy(() -> app.assertExportsOnly("demo.other")).isInstanceOf(AssertionError.class)
                .hasMessageContaining("exports [demo.app], not [demo.other]");
    }

    @Test
    void layer_runtimeModulePathListedBesideTheClasses_resolvesTheModuleAndItsDependencies() throws IOException {
        Path app = compileApp("exports demo.app;");
        Files.writeString(app.resolveSibling(ModuleUnderTest.RUNTIME_MODULE_PATH), lib() + "\n");

        ModuleLayer layer = ModuleUnderTest.at(app).layer();

        assertThat(ModuleUnderTest.at(app).runtimeModulePath()).containsExactly(app, lib());
        assertThat(ModuleUnderTest.names(layer)).containsExactly("demo.app", "demo.lib");
        assertThat(layer.findModule("demo.app")).hasValueSatisfying(m -> assertThat(m.getDescriptor().isAutomatic())
                .isFalse());
    }

    @Test
    void runtimeModulePath_noListBesideTheClasses_failsSayingWhatWritesIt() throws IOException {
        Path app = compileApp("exports demo.app;");

        assertThatThrownBy(() -> ModuleUnderTest.at(app).runtimeModulePath()).isInstanceOf(AssertionError.class)
                .hasMessageContaining(ModuleUnderTest.RUNTIME_MODULE_PATH)
                .hasMessageContaining("the module's build writes it");
    }

    @Test
    void of_classOfThisModule_isWhereItWasLoadedFrom() {
        assertThat(ModuleUnderTest.of(ModuleUnderTest.class).classes()).isDirectory()
                .isEqualTo(Path.of("target", "classes").toAbsolutePath());
        assertThatThrownBy(() -> ModuleUnderTest.of(ModuleUnderTest.class).descriptor())
                .hasMessageStartingWith("no module-info.class in "); // doc-check is an automatic module
    }

    private Path lib() throws IOException {
        Path classes = work.resolve("lib/target/classes");
        if (!Files.isDirectory(classes)) {
            compile(classes, List.of(), "module demo.lib { exports demo.lib; }",
                    "package demo.lib; public final class Lib { }");
        }
        return classes;
    }

    private Path compileApp(String directives) throws IOException {
        Path classes = work.resolve("app/target/classes");
        compile(classes, List.of(lib()), "module demo.app { requires transitive demo.lib; " + directives + " }",
                "package demo.app; public final class App { public demo.lib.Lib lib() { return null; } }");
        return classes;
    }

    private void compile(Path classes, List<Path> modulePath, String moduleInfo, String type) throws IOException {
        Path sources = Files.createTempDirectory(work, "src");
        Path info = Files.writeString(sources.resolve("module-info.java"), moduleInfo);
        String pkg = type.substring("package ".length(), type.indexOf(';'));
        Path dir = Files.createDirectories(sources.resolve(pkg.replace('.', '/')));
        Path source = Files.writeString(dir.resolve(type.contains("class Lib") ? "Lib.java" : "App.java"), type);
        Files.createDirectories(classes);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> args = new java.util.ArrayList<>(List.of("-d", classes.toString()));
        if (!modulePath.isEmpty()) {
            args.addAll(List.of("--module-path", modulePath.stream().map(Path::toString)
                    .reduce((a, b) -> a + File.pathSeparator + b).orElseThrow()));
        }
        args.addAll(List.of(info.toString(), source.toString()));
        assertThat(javac.run(null, null, null, args.toArray(String[]::new))).as("javac's status").isZero();
    }
}
