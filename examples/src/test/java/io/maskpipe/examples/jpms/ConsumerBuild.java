package io.maskpipe.examples.jpms;

import io.maskpipe.doccheck.ModuleUnderTest;
import io.maskpipe.postgres.PostgresSink;
import io.maskpipe.sqs.SqsSource;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.slf4j.jdk.platform.logging.SLF4JSystemLoggerFinder;
import org.slf4j.simple.SimpleLogger;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * Builds the modular consumer under {@code src/test/jpms-consumer} as its users' build would: the module path holds
 * the library's modules (maskpipe-sqs and maskpipe-postgres, as the reactor built them) with their runtime
 * dependencies (the lists each module's build writes to {@code target/runtime-module-path.txt}), and what an
 * application adds: one AWS SDK HTTP client ({@code url-connection-client}), an SLF4J provider
 * ({@code slf4j-simple}) and the {@code System.Logger} bridge to SLF4J ({@code slf4j-jdk-platform-logging}).
 * Nothing of the test servers (ElasticMQ, zonky) is on it.
 */
final class ConsumerBuild {
    static final Path SOURCES = Path.of("src", "test", "jpms-consumer");
    static final String MODULE = "com.example.logins";
    static final String MAIN = MODULE + "/com.example.logins.LoginsApp";

    private ConsumerBuild() {
    }

    /** Returns the consumer's sources: its module-info and its classes. */
    static List<Path> sources() {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns the module path the consumer compiles and runs against, without the consumer itself. */
    static List<Path> modulePath() {
        Set<Path> path = new LinkedHashSet<>();
        for (Class<?> library : List.of(SqsSource.class, PostgresSink.class)) {
            path.addAll(ModuleUnderTest.of(library).runtimeModulePath());
        }
        path.add(ModuleUnderTest.of(UrlConnectionHttpClient.class).classes());
        path.add(ModuleUnderTest.of(SimpleLogger.class).classes());
        path.add(ModuleUnderTest.of(SLF4JSystemLoggerFinder.class).classes());
        return List.copyOf(path);
    }

    /** Compiles the consumer into a directory, with every lint on; returns the compiler's diagnostics. */
    static List<String> compile(List<Path> modulePath, Path classes) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT,
                StandardCharsets.UTF_8)) {
            List<String> options = List.of("--release", "17", "-Xlint:all", "--module-path", join(modulePath),
                    "-d", classes.toString());
            Iterable<? extends JavaFileObject> units = files.getJavaFileObjectsFromPaths(sources());
            boolean compiled = javac.getTask(null, files, diagnostics, options, null, units).call();
            List<String> messages = diagnostics.getDiagnostics().stream()
                    .filter(d -> d.getKind() != Diagnostic.Kind.NOTE)
                    .map(d -> d.getKind() + " " + d.getSource().getName() + ":" + d.getLineNumber() + " "
                            + d.getMessage(Locale.ROOT))
                    .collect(Collectors.toCollection(ArrayList::new));
            if (!compiled) {
                messages.add(0, "compilation failed");
            }
            return messages;
        }
    }

    /** Returns the command that runs the consumer's main in a JVM of its own, on the module path. */
    static List<String> javaCommand(List<Path> modulePath, Path classes, String... args) {
        List<Path> path = new ArrayList<>();
        path.add(classes);
        path.addAll(modulePath);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "--module-path", join(path), "-m", MAIN));
        command.addAll(List.of(args));
        return command;
    }

    static String join(List<Path> path) {
        return path.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    }
}
