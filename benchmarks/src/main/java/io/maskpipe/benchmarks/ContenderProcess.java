package io.maskpipe.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The harness's side of a contender's own JVM ({@link ContenderChildMain}): starts it with this JVM's heap, GC and
 * system-property options and class path, its standard output and error into a log file, and drives it over
 * {@link ContenderProtocol} on a loopback socket the child connects to (port in {@value #PORT_VARIABLE}). Not over
 * the child's standard output: what its JVM itself writes there ({@code -Xlog}, {@code -XX:+PrintCompilation} given to
 * the harness, which the child inherits) comes from other threads and can split a protocol line. A child that dies
 * or answers out of turn fails the run with its exit code and the end of its log. Closing it asks the child to quit
 * and waits for it.
 */
final class ContenderProcess implements AutoCloseable {
    /** The environment variable that gives the child the harness's port. */
    static final String PORT_VARIABLE = "MASKPIPE_CONTENDER_PORT";
    private static final int LOG_TAIL_LINES = 25;
    private static final long CONNECT_TIMEOUT_MILLIS = 120_000;

    private final String label;
    private final Process process;
    private final Path log;
    private final Socket socket;
    private final BufferedReader answers;
    private final Writer commands;

    private ContenderProcess(String label, Process process, Path log, Socket socket) throws IOException {
        this.label = label;
        this.process = process;
        this.log = log;
        this.socket = socket;
        this.answers = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        this.commands = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8);
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

    /** Starts {@code command}, its output into {@code log}, and waits until it connects and says it is ready. */
    static ContenderProcess start(String label, List<String> command, Path log) throws IOException {
        Files.createDirectories(log.toAbsolutePath().getParent());
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            server.setSoTimeout(250);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().put(PORT_VARIABLE, Integer.toString(server.getLocalPort()));
            Process process = builder.start();
            long deadline = System.currentTimeMillis() + CONNECT_TIMEOUT_MILLIS;
            Socket socket = null;
            while (socket == null) {
                try {
                    socket = server.accept();
                } catch (SocketTimeoutException e) {
                    if (!process.isAlive() || System.currentTimeMillis() > deadline) {
                        throw failure(label, process, log, null, "before it connected");
                    }
                }
            }
            ContenderProcess child = new ContenderProcess(label, process, log, socket);
            String line = child.answers.readLine();
            if (!ContenderProtocol.READY.equals(line)) {
                throw failure(label, process, log, line, "instead of " + ContenderProtocol.READY);
            }
            return child;
        }
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
            throw failure(label, process, log, null, "when given a phase");
        }
        String line = answers.readLine();
        try {
            return ContenderProtocol.parseResult(line == null ? "" : line);
        } catch (IllegalArgumentException e) {
            throw failure(label, process, log, line, "instead of a result");
        }
    }

    /** The error for a child that ended, or wrote {@code line}, when the harness expected something else. */
    private static IllegalStateException failure(String label, Process process, Path log, String line,
                                                 String expected) {
        String what;
        if (line != null) {
            process.destroyForcibly();
            what = "wrote '" + (line.length() > 200 ? line.substring(0, 200) + "..." : line) + "' " + expected;
        } else {
            what = exitText(process) + " " + expected;
        }
        return new IllegalStateException(label + ": the child JVM (pid " + process.pid() + ") " + what
                + "; the end of its log " + log + ":\n" + tail(log));
    }

    private static String exitText(Process process) {
        try {
            if (process.waitFor(30, TimeUnit.SECONDS)) {
                return "exited with code " + process.exitValue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
        return "closed its connection but did not exit (killed)";
    }

    private static String tail(Path log) {
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
        try {
            socket.close();
        } catch (IOException e) {
            // closed by the child's end already
        }
    }
}
