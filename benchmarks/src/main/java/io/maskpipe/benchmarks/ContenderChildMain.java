package io.maskpipe.benchmarks;

import io.maskpipe.core.Maskers;
import io.maskpipe.core.key.Keyring;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;

/**
 * A contender's own JVM in the end-to-end harness's {@code --jvm-per-contender} mode: one contender (the pipeline, an
 * SDK loop or the hand-written loader) with one SDK HTTP client, alive for the whole run, so that its JIT compiles
 * its code alone, as a service's would. It connects to the harness's loopback port (from
 * {@code MASKPIPE_CONTENDER_PORT}), runs one phase per {@code run} line the harness sends and answers each with one
 * result line ({@link ContenderProtocol}); its steady window's CPU is this JVM's own, and it reads the servers' CPU
 * counters at the same marks. What it prints goes to its log.
 * It masks with a random key of its own. Any failure ends it with exit code 1 and the stack trace on standard error.
 *
 * <p>Started by {@link ContenderProcess}; not meant to be run by hand.
 *
 * @since 0.1.0
 */
public final class ContenderChildMain {
    private static final String USAGE = "usage: ContenderChildMain CONTENDER CLIENT SQS_ENDPOINT DLQ_URL JDBC_URL"
            + " QUEUE_PID POSTMASTER_PID [harness options]";

    private ContenderChildMain() {
    }

    /**
     * Serves the harness's {@code run} lines until {@code quit} or the end of input.
     *
     * @param args the contender, the HTTP client, the SQS endpoint, the dead-letter queue's URL, the JDBC URL, the
     *             queue server's and the postmaster's process ids (-1: not read), then the harness's own options
     */
    public static void main(String[] args) {
        int status = 0;
        try {
            serve(args);
        } catch (Throwable e) {
            e.printStackTrace();
            status = 1;
        }
        System.err.flush();
        System.exit(status); // the SDK's and the engine's threads must not keep a failed child alive
    }

    private static void serve(String[] args) throws Exception {
        if (args.length < 7) {
            throw new IllegalArgumentException(USAGE);
        }
        Contender contender = Contender.parse(args[0]);
        SqsHttpClient client = SqsHttpClient.parse(args[1]);
        HarnessOptions options = HarnessOptions.parse(Arrays.copyOfRange(args, 7, args.length));
        int port = Integer.parseInt(System.getenv(ContenderProcess.PORT_VARIABLE));
        SqsHttpClient.jdkConnectionDefaults();
        SteadyMeter.watchServers(new ServerCpu(Long.parseLong(args[5]), Long.parseLong(args[6])));
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        ContenderPhases phases = new ContenderPhases(options, URI.create(args[2]), args[3], args[4],
                Maskers.hmac(Keyring.of("k1", key)));
        try (Socket harness = new Socket(InetAddress.getLoopbackAddress(), port);
             BufferedReader in = new BufferedReader(new InputStreamReader(harness.getInputStream(),
                     StandardCharsets.UTF_8));
             PrintStream out = new PrintStream(harness.getOutputStream(), true, StandardCharsets.UTF_8)) {
            out.println(ContenderProtocol.READY);
            for (String line = in.readLine(); line != null && !line.equals(ContenderProtocol.QUIT);
                 line = in.readLine()) {
                ContenderProtocol.Run run = ContenderProtocol.parseRun(line);
                System.gc(); // as the harness does before a phase in its JVM: the last phase's garbage is not ours
                PhaseResult result = phases.run(contender, client, run.queueUrl(), run.messages(), run.profile());
                out.println(ContenderProtocol.resultLine(result));
            }
        }
    }
}
