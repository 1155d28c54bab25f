package io.maskpipe.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An ElasticMQ server in a child JVM ({@link ElasticMqServerMain}) on this JVM's class path, listening on loopback.
 * Its output goes to a log file; closing this ends it.
 */
final class ElasticMqProcess implements AutoCloseable {
    private static final long START_TIMEOUT_MILLIS = 120_000;

    private final Process process;
    private final URI endpoint;

    private ElasticMqProcess(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    /** Starts the child JVM with the given heap ({@code -Xmx}) and waits until it listens. */
    static ElasticMqProcess start(Path workDirectory, String heap) throws IOException, InterruptedException {
        Files.createDirectories(workDirectory);
        Path portFile = workDirectory.resolve("elasticmq.port");
        Files.deleteIfExists(portFile);
        Path log = workDirectory.resolve("elasticmq.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(java, "-Xms" + heap, "-Xmx" + heap,
                "-cp", System.getProperty("java.class.path"), ElasticMqServerMain.class.getName(),
                portFile.toString()))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
        while (!Files.exists(portFile)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("ElasticMQ child JVM exited with " + process.exitValue()
                        + " before listening; see " + log);
            }
            if (System.currentTimeMillis() > deadline) {
                process.destroyForcibly();
                throw new IllegalStateException("ElasticMQ child JVM did not listen within 120 s; see " + log);
            }
            Thread.sleep(50);
        }
        int port = Integer.parseInt(Files.readString(portFile, StandardCharsets.US_ASCII).trim());
        return new ElasticMqProcess(process, URI.create("http://127.0.0.1:" + port));
    }

    URI endpoint() {
        return endpoint;
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() throws InterruptedException {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // the child is gone already
        }
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
