package io.maskpipe.examples;

import io.maskpipe.core.key.Keyring;
import io.maskpipe.core.key.KeyringException;
import io.maskpipe.core.Masker;
import io.maskpipe.core.Pipeline;
import io.maskpipe.core.PipelineSummary;
import io.maskpipe.core.UnknownFields;
import io.maskpipe.examples.ExampleOptions.UsageException;
import io.maskpipe.examples.LoginQueues.DeadLetterView;
import io.maskpipe.postgres.PostgresSink;
import io.maskpipe.sqs.SqsDeadLetters;
import io.maskpipe.sqs.SqsSource;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One run of a login example, shared by {@link UserLoginsPipeline} and {@link CustomMaskerPipeline}: set up the queue,
 * database and key ring (embedded or real), send generated events, run the pipeline, then print the summary, the dead
 * letters, the analysts' duplicate queries and what a key holder can do.
 */
final class LoginsExample {
    /** The generator's seed: every run sends the same events. */
    static final long SEED = 2026;
    /** One message in this many, on average, is malformed. */
    static final int MALFORMED_EVERY = 40;
    static final String THROWAWAY_KEY_ID = "throwaway";
    private static final int SEND_CHUNK = 1_000;

    private LoginsExample() {
    }

    /**
     * Runs an example from its command line and returns the process's exit status: 0 done, 1 failed, 2 bad usage.
     * Nothing but a one-line message reaches the user on failure: no stack trace.
     */
    static int main(String program, boolean custom, String[] args, Map<String, String> env, PrintStream out,
            PrintStream err) {
        String usage = ExampleOptions.usage(program, !custom);
        try {
            ExampleOptions options = ExampleOptions.parse(Arrays.asList(args), env, !custom);
            if (options.help()) {
                out.println(usage);
                return 0;
            }
            Variant variant = custom ? Variant.NETWORK : options.tokenize() ? Variant.TOKENIZED : Variant.HMAC;
            run(variant, options, out, err);
            return 0;
        } catch (UsageException e) {
            err.println(program + ": " + e.getMessage());
            err.println(usage);
            return 2;
        } catch (RuntimeException e) {
            // Our libraries' messages carry names, codes and counts, never values; the class says what kind it was.
            err.println(program + ": failed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            return 1;
        }
    }

    /** Runs the example with parsed options and returns what it found, for the tests. */
    static ExampleResult run(Variant variant, ExampleOptions options, PrintStream out, PrintStream err) {
        Keyring keyring = keyring(options, err);
        String table = options.table().orElse(variant.defaultTable());
        Report report = new Report(out, table);
        try (LoginQueues queues = options.queueUrl().isPresent() ? LoginQueues.real(options) : LoginQueues.embedded();
             LoginsDatabase database = options.jdbcUrl().map(LoginsDatabase::at).orElseGet(LoginsDatabase::embedded)) {
            report.setting("queue", queues.describe());
            report.setting("database", database.describe() + ", table " + table);
            report.setting("key ring", keyring.toString());
            report.setting("masking", variant.describe());
            database.createTable(table); // first: a database that cannot be reached fails the run before any send

            LoginEventGenerator events = LoginEventGenerator.seeded(SEED, MALFORMED_EVERY);
            int messages = options.messages();
            if (messages > 0) {
                report.line("Sending " + String.format(Locale.ROOT, "%,d", messages)
                        + " generated login events to the queue "
                        + "(seed " + SEED + "; repeated ips and device ids; about 1 in " + MALFORMED_EVERY
                        + " malformed)...");
                for (int sent = 0; sent < messages; sent += SEND_CHUNK) {
                    queues.send(events.next(Math.min(SEND_CHUNK, messages - sent)));
                }
            }

            Variant.IpMasker ipMasker = variant.ipMasker(keyring);
            PipelineSummary summary;
            try (SqsSource source = SqsSource.builder().client(queues.client()).queueUrl(queues.queueUrl()).build();
                 PostgresSink sink = database.sink(table);
                 Progress progress = Progress.start(err, messages)) {
                report.line("Running the pipeline...");
                summary = pipeline(source, SqsDeadLetters.of(queues.client(), queues.deadLetterQueueUrl()), keyring,
                        ipMasker.asMasker(), variant.deviceMasker(keyring), progress, queues.pollWait(), sink).run();
            }
            report.summary(summary);
            List<DeadLetterView> deadLetters = queues.peekDeadLetters();
            report.deadLetters(deadLetters);
            long rows = report.analysts(database);

            Optional<String> lookupIp = options.lookupIp().or(events::mostRepeatedIp);
            long lookedUp = lookupIp.map(ip -> report.keyHolderLookup(database, ip, ipMasker.mask(ip, "ip")))
                    .orElse(-1L);
            if (lookupIp.isEmpty()) {
                report.line("\n(pass --lookup-ip ADDRESS to see a key holder find one known IP)");
            }
            String revealed = variant == Variant.TOKENIZED
                    ? report.keyHolderReveal(database, keyring, options.showRevealedValue()) : null;
            return new ExampleResult(table, summary, deadLetters, rows, lookupIp.orElse(null), lookedUp, revealed);
        }
    }

    /**
     * The pipeline itself: what docs/user-logins.md walks through. Strict: a field nobody named rejects the message,
     * the personal fields must be masked before the run may start, and dead letters are sealed with the key ring.
     */
    static Pipeline pipeline(SqsSource source, SqsDeadLetters deadLetters, Keyring keyring, Masker ipMasker,
            Masker deviceMasker, Progress progress, Duration pollWait, PostgresSink sink) {
        return UserLogins.steps(source, ipMasker, deviceMasker)
                .deadLetters(deadLetters, keyring)
                .batching(500, Duration.ofMillis(200))
                .pollers(4)
                .writers(2)          // one writes while the other acknowledges (docs/performance.md, levers)
                .maxInFlight(4_000)  // pollers stop at eight batches in flight, not two
                .pollWait(pollWait)  // the run ends once the queue is drained: 250 ms locally, 1 s on AWS
                .shutdownGrace(Duration.ofSeconds(10)) // SIGTERM: finish or release in-flight work, print the summary
                .listener(progress)
                .to(sink);
    }

    /** The key ring from the options; without one, a throwaway key and a banner nobody can miss. */
    static Keyring keyring(ExampleOptions options, PrintStream err) {
        if (options.keyFile().isPresent()) {
            return Keyring.fromFile(options.keyFile().get());
        }
        if (options.keyText().isPresent()) {
            try {
                return Keyring.parse(options.keyText().get());
            } catch (KeyringException e) { // names the entry and the rule, never key text
                throw new KeyringException("key ring in variable '" + options.keyVariable().orElseThrow() + "': "
                        + e.getMessage(), e);
            }
        }
        byte[] key = new byte[Keyring.MIN_KEY_BYTES];
        new SecureRandom().nextBytes(key);
        try {
            err.println(THROWAWAY_BANNER);
            return Keyring.of(THROWAWAY_KEY_ID, key);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private static final String THROWAWAY_BANNER = """
            ###########################################################################################
            ##  NO KEY GIVEN: masking with a THROWAWAY key, generated for this run and then forgotten. ##
            ##  Fine for this demo. With it, nobody can ever look up a masked value or reveal a token  ##
            ##  again, and the next run masks the same ip differently. For real data give a key ring:  ##
            ##    --key-env NAME (default variable MASKPIPE_KEYS) or --key-file PATH                   ##
            ##  (one key: MASKPIPE_KEYS=k1:$(openssl rand -base64 32); see docs/masking.md)            ##
            ###########################################################################################""";

    /** What one run found: for the tests, which check it against the database and the queue. */
    record ExampleResult(String table, PipelineSummary summary, List<DeadLetterView> deadLetters, long rows,
            String lookupIp, long lookupCount, String revealedDeviceId) {
    }
}
