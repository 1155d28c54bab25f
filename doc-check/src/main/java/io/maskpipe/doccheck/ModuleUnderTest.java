package io.maskpipe.doccheck;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleDescriptor.Exports;
import java.lang.module.ModuleDescriptor.Requires;
import java.lang.module.ModuleFinder;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A module of this repository as its users' modular applications see it: its compiled descriptor, and the module
 * resolved in a layer of its own on a module path of its classes and its runtime dependencies. Module tests use it
 * while the other tests run on the class path.
 *
 * <p>The runtime dependencies are the list that the module's build writes beside its classes, to
 * {@code target/runtime-module-path.txt} (the {@code runtime-module-path} execution of maven-dependency-plugin's
 * {@code build-classpath} goal, runtime scope). Depends on the JDK alone.
 *
 * @since 0.1.0
 */
public final class ModuleUnderTest {
    /** The file, beside a module's {@code target/classes}, listing its runtime dependencies. */
    public static final String RUNTIME_MODULE_PATH = "runtime-module-path.txt";

    private final Path classes;

    private ModuleUnderTest(Path classes) {
        this.classes = classes;
    }

    /**
     * The module that holds a class: its compiled classes, as the class was loaded from them.
     *
     * @param member a main class of the module
     * @return the module
     */
    public static ModuleUnderTest of(Class<?> member) {
        try {
            return new ModuleUnderTest(Path.of(member.getProtectionDomain().getCodeSource().getLocation().toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The module whose classes are in a directory: for the class's own tests. */
    static ModuleUnderTest at(Path classes) {
        return new ModuleUnderTest(classes);
    }

    /**
     * Returns the directory (or jar) the module's classes were loaded from.
     *
     * @return the module's classes
     */
    public Path classes() {
        return classes;
    }

    /**
     * Reads the compiled descriptor, {@code module-info.class}.
     *
     * @return the descriptor
     * @throws AssertionError if the classes hold none
     */
    public ModuleDescriptor descriptor() {
        Path file = classes.resolve("module-info.class");
        if (!Files.isRegularFile(file)) {
            throw new AssertionError("no module-info.class in " + classes);
        }
        try (InputStream in = Files.newInputStream(file)) {
            return ModuleDescriptor.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Asserts that the module is explicit (not automatic), exports exactly these packages to every module (no
     * qualified export) and opens none.
     *
     * @param packages the packages it must export
     * @throws AssertionError naming what differs
     */
    public void assertExportsOnly(String... packages) {
        ModuleDescriptor descriptor = descriptor();
        List<String> problems = new ArrayList<>();
        Set<String> exported = descriptor.exports().stream().map(Exports::source).collect(Collectors.toCollection(
                TreeSet::new));
        if (!exported.equals(new TreeSet<>(List.of(packages)))) {
            problems.add("exports " + exported + ", not " + new TreeSet<>(List.of(packages)));
        }
        descriptor.exports().stream().filter(Exports::isQualified).forEach(e -> problems.add("qualified: " + e));
        descriptor.opens().forEach(o -> problems.add("opens " + o));
        if (descriptor.isAutomatic()) {
            problems.add("is automatic");
        }
        if (!problems.isEmpty()) {
            throw new AssertionError("module " + descriptor.name() + ": " + String.join("; ", problems));
        }
    }

    /**
     * Returns the names of the modules the descriptor requires, {@code java.base} included.
     *
     * @return the required modules' names
     */
    public Set<String> requires() {
        return descriptor().requires().stream().map(Requires::name).collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * Returns the names of the modules the descriptor requires transitively: those of the module's API.
     *
     * @return the transitively required modules' names
     */
    public Set<String> requiresTransitive() {
        return descriptor().requires().stream().filter(r -> r.modifiers().contains(Requires.Modifier.TRANSITIVE))
                .map(Requires::name).collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * Returns the module path an application would run the module on: its classes, then its runtime dependencies.
     *
     * @return the module path's entries
     * @throws AssertionError if the build wrote no list of runtime dependencies beside the classes
     */
    public List<Path> runtimeModulePath() {
        Path listed = classes.resolveSibling(RUNTIME_MODULE_PATH);
        if (!Files.isRegularFile(listed)) {
            throw new AssertionError("no " + listed + ": the module's build writes it (run it with -am)");
        }
        List<Path> path = new ArrayList<>();
        path.add(classes);
        try {
            for (String entry : Files.readString(listed, StandardCharsets.UTF_8).strip().split(File.pathSeparator)) {
                if (!entry.isEmpty()) {
                    path.add(Path.of(entry));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(path);
    }

    /**
     * Resolves the module on its {@link #runtimeModulePath()}, with the modules of the JDK and nothing else, and
     * defines the result in a layer of its own with one class loader, whose parent is the platform class loader.
     *
     * @return the layer, whose {@link ModuleLayer#modules()} are the module and what it needs at run time
     */
    public ModuleLayer layer() {
        ModuleFinder finder = ModuleFinder.of(runtimeModulePath().toArray(Path[]::new));
        Configuration configuration = ModuleLayer.boot().configuration()
                .resolve(finder, ModuleFinder.of(), Set.of(descriptor().name()));
        return ModuleLayer.boot().defineModulesWithOneLoader(configuration, ClassLoader.getPlatformClassLoader());
    }

    /**
     * Returns the names of the modules of a layer, in order.
     *
     * @param layer a layer, such as {@link #layer()}'s
     * @return its modules' names
     */
    public static Set<String> names(ModuleLayer layer) {
        return layer.modules().stream().map(Module::getName).collect(Collectors.toCollection(TreeSet::new));
    }
}
