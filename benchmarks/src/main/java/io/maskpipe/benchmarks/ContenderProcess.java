package io.maskpipe.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The harness's side of a contender's own JVM ({@link ContenderChildMain}): starts it with this JVM's heap, GC and
 * system-property options and class path, its standard error into a log file, and drives it over
 * {@link ContenderProtocol}. A child that dies or answers out of turn fails the run with its exit code and the end of
 * its log. Closing it asks the child to quit and waits for it.
 */
final class ContenderProcess implements AutoCloseable {
    private static final int LOG_TAIL_LINES = 25;

    private final String label;
    private final Process process;
    private final Path log;
    private final BufferedReader answers;
    private final Writer commands;

    private ContenderProcess(String label, Process process, Path log) {
        this.label = label;
        this.process = process;
        this.log = log;
        this.answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.commands = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    }

    /**
     * Starts {@code contender} with {@code client} in a JVM of its own and waits until it is ready; its log is
     * {@code contender-<id>-<client>.log} in {@code work}.
     */
    static ContenderProcess start(Contender contender, SqsHttpClient client, List<String> childArgs, Path work)
            throws IOException {
        List<String> command = new ArrayList<>(javaCommand());
        command.add(ContenderChildMain.class.getName());
        command.add(contender.id());
        command.add(client.label());
        command.addAll(childArgs);
        return start(contender.label() + ", " + client.label(), command,
                work.resolve("contender-" + contender.id() + "-" + client.label() + ".log"));
    }

    /** Starts {@code command}, its standard error into {@code log}, and waits for its ready line. */
    static ContenderProcess start(String label, List<String> command, Path log) throws IOException {
        Files.createDirectories(log.toAbsolutePath().getParent());
        Process process = new ProcessBuilder(command).redirectError(log.toFile()).start();
        ContenderProcess child = new ContenderProcess(label, process, log);
        String line = child.answers.readLine();
        if (!ContenderProtocol.READY.equals(line)) {
            throw child.failure(line, "instead of " + ContenderProtocol.READY);
        }
        return child;
    }

    /**
     * This JVM's java, its {@code -X} options (heap, GC, logging) and {@code -D} properties, except a flight
     * recording of its own, and its class path: a child runs as the harness does.
     */
    static List<String> javaCommand() {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        return command;
    }

    /** This JVM's {@code -X} and {@code -D} options but a flight recording's: what a child JVM is given. */
    static List<String> jvmOptions() {
        List<String> options = new ArrayList<>();
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if ((option.startsWith("-X") || option.startsWith("-D")) && !option.contains("FlightRecord")) {
                options.add(option);
            }
        }
        return options;
    }

    String label() {
        return label;
    }

    long pid() {
        return process.pid();
    }

    /** Runs one phase in the child on a filled queue and returns what it measured. */
    PhaseResult run(String queueUrl, int messages, Path profile) throws IOException {
        try {
            commands.write(ContenderProtocol.runLine(new ContenderProtocol.Run(queueUrl, messages, profile)) + "\n");
            commands.flush();
        } catch (IOException e) {
            throw failure(null, "when given a phase");
        }
        String line = answers.readLine();
        try {
            return ContenderProtocol.parseResult(line == null ? "" : line);
        } catch (IllegalArgumentException e) {
            throw failure(line, "instead of a result");
        }
    }

    /** The error for a child that ended, or wrote {@code line}, when the harness expected something else. */
    private IllegalStateException failure(String line, String expected) {
        String what;
        if (line != null) {
            process.destroyForcibly();
            what = "wrote '" + (line.length() > 200 ? line.substring(0, 200) + "..." : line) + "' " + expected;
        } else {
            what = exitText() + " " + expected;
        }
        return new IllegalStateException(label + ": the child JVM (pid " + process.pid() + ") " + what
                + "; the end of its log " + log + ":\n" + tail());
    }

    private String exitText() {
        try {
            if (process.waitFor(30, TimeUnit.SECONDS)) {
                return "exited with code " + process.exitValue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
        return "closed its output but did not exit (killed)";
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL_LINES), lines.size()));
        } catch (IOException | RuntimeException e) {
            return "(unreadable: " + e.getClass().getSimpleName() + ")";
        }
    }

    /** Asks the child to quit and waits up to 30 s, then ends it. */
    @Override
    public void close() throws InterruptedException {
        try {
            commands.write(ContenderProtocol.QUIT + "\n");
            commands.close();
        } catch (IOException e) {
            // the child is gone already
        }
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
