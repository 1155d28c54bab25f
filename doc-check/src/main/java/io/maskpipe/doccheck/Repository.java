package io.maskpipe.doccheck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The files of the repository that {@link DocSnippets} reads: one module's sources, every module's tests, pages. */
final class Repository {
    private final Path root;
    private final Path module;

    Repository(Path root, Path module) {
        this.root = root;
        this.module = module;
    }

    /** The module of the working directory, where Surefire runs a module's tests, and the root above it. */
    static Repository ofWorkingDirectory() {
        Path module = Path.of("").toAbsolutePath().normalize();
        for (Path dir = module; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw"))) {
                return new Repository(dir, module);
            }
        }
        throw new IllegalStateException("no repository root (a directory with mvnw) above " + module);
    }

    boolean exists(String file) {
        return Files.isRegularFile(root.resolve(file));
    }

    /** A file from the root, as text. */
    String read(String file) {
        return read(root.resolve(file));
    }

    /** A file from the module's directory (or an absolute one), as text. */
    String read(Path file) {
        try {
            return Files.readString(module.resolve(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path testSource(Class<?> test) {
        return module.resolve("src/test/java/" + test.getName().replace('.', '/') + ".java");
    }

    /** A main source of the module, from the root. */
    String mainSource(Class<?> type) {
        return relative(module.resolve("src/main/java/" + type.getName().replace('.', '/') + ".java"));
    }

    /** The module's main sources, from the root. */
    List<String> mainSources() {
        return javaFiles(module.resolve("src/main/java")).stream().map(this::relative).toList();
    }

    /** The test sources of every module of the repository: a region may run where its dependencies are. */
    List<Path> testSources() {
        try (Stream<Path> modules = Files.list(root)) {
            return modules.map(m -> m.resolve("src/test/java")).filter(Files::isDirectory)
                    .flatMap(dir -> javaFiles(dir).stream()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> javaFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String relative(Path file) {
        return root.relativize(file).toString().replace('\\', '/');
    }
}
