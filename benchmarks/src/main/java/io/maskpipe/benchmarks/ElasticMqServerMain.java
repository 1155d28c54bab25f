package io.maskpipe.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

/**
 * The ElasticMQ server of the end-to-end harness, run in a child JVM of its own so that its CPU is not counted as
 * the pipeline's: it listens on a free loopback port, writes that port to the file named by its one argument, and
 * stops when its standard input closes (the harness closes it, or dies).
 *
 * <p>Started by {@link EndToEndHarness}; not meant to be run by hand.
 *
 * @since 0.1.0
 */
public final class ElasticMqServerMain {
    private ElasticMqServerMain() {
    }

    /**
     * Starts the server and serves until standard input closes.
     *
     * @param args one argument: the file to write the port to
     * @throws IOException when the port file cannot be written
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: ElasticMqServerMain PORT_FILE");
        }
        SQSRestServer server = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
        int port = server.waitUntilStarted().localAddress().getPort();
        Path portFile = Path.of(args[0]);
        Path partial = portFile.resolveSibling(portFile.getFileName() + ".tmp");
        Files.writeString(partial, Integer.toString(port), StandardCharsets.US_ASCII);
        Files.move(partial, portFile, StandardCopyOption.ATOMIC_MOVE);
        try {
            while (System.in.read() != -1) {
                // nothing is read from the harness: end of input is the signal to stop
            }
        } finally {
            server.stopAndWait();
            System.exit(0);
        }
    }
}
