package io.maskpipe.examples;

import io.maskpipe.core.ReplaySummary;
import io.maskpipe.core.key.Keyring;
import io.maskpipe.core.record.ReasonCode;
import io.maskpipe.examples.ExampleOptions.UsageException;
import io.maskpipe.sqs.SqsReplay;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Replays the worked example's sealed dead letters once their cause is fixed: opens each letter of the dead-letter
 * queue with the key ring, sends the original back to the login queue and deletes the letter after; then run
 * {@link UserLoginsPipeline} again to write them. Safe to run twice: a resend keeps its original message id, and
 * the sink's ledger writes each once. See {@code docs/dead-letters.md}.
 *
 * <pre>
 * ReplayDeadLetters --queue-url URL --dlq-url URL --key-file PATH [--only-reasons SINK_REJECTED,INVALID_VALUE]
 * </pre>
 *
 * @since 0.1.0
 */
public final class ReplayDeadLetters {
    private static final String PROGRAM = "ReplayDeadLetters";
    private static final String USAGE = """
            Usage: ReplayDeadLetters --queue-url URL --dlq-url URL (--key-env NAME | --key-file PATH) [options]
            Sends the sealed dead letters of --dlq-url back to --queue-url as their originals, opened with the key
            ring they were sealed under, and deletes each letter once its original was sent. Fix the cause first,
            then run UserLoginsPipeline again to write them.
              --only-reasons A,B    replay only these reason codes (e.g. SINK_REJECTED); default: all
              --sqs-endpoint URL    endpoint override, e.g. http://localhost:4566 (LocalStack)
              --region NAME         AWS region
              --help                print this and exit""";

    private ReplayDeadLetters() {
    }

    /**
     * Runs the replay and exits with 0 when done, 1 when it failed, 2 for bad options.
     *
     * @param args the options, see {@code --help}
     */
    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    /** Runs the replay and returns the exit status; prints one line on failure, never a stack trace. */
    static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        try {
            List<String> rest = new ArrayList<>(Arrays.asList(args));
            ReasonCode[] reasons = onlyReasons(rest);
            ExampleOptions options = ExampleOptions.parse(rest, env, false);
            if (options.help()) {
                out.println(USAGE);
                return 0;
            }
            if (options.queueUrl().isEmpty()) {
                throw new UsageException("needs --queue-url and --dlq-url: a replay reads a real dead-letter queue");
            }
            if (options.keyFile().isEmpty() && options.keyText().isEmpty()) {
                throw new UsageException("needs the key ring the letters were sealed under: --key-env or --key-file");
            }
            Keyring keyring = LoginsExample.keyring(options, err);
            try (LoginQueues queues = LoginQueues.real(options)) {
                SqsReplay replay = SqsReplay.from(queues.client(), queues.deadLetterQueueUrl())
                        .to(queues.queueUrl()).opening(keyring);
                ReplaySummary done = (reasons.length == 0 ? replay : replay.onlyReasons(reasons)).run();
                out.printf(Locale.ROOT, "Replayed %s -> %s: %,d read, %,d resent, %,d skipped for their reason,"
                        + " %,d not opened, %,d resent but not deleted%n", queues.deadLetterQueueUrl(),
                        queues.queueUrl(), done.read(), done.resent(), done.skipped(), done.unopened(),
                        done.undeleted());
                return 0;
            }
        } catch (UsageException e) {
            err.println(PROGRAM + ": " + e.getMessage());
            err.println(USAGE);
            return 2;
        } catch (RuntimeException e) {
            err.println(PROGRAM + ": failed: " + e.getClass().getSimpleName() + ": " + e.getMessage());
            return 1;
        }
    }

    /** Takes {@code --only-reasons A,B} out of the arguments. */
    private static ReasonCode[] onlyReasons(List<String> rest) {
        for (int i = 0; i < rest.size(); i++) {
            String arg = rest.get(i);
            if (arg.equals("--only-reasons") || arg.startsWith("--only-reasons=")) {
                String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1)
                        : i + 1 < rest.size() ? rest.remove(i + 1) : "";
                rest.remove(i);
                List<ReasonCode> codes = new ArrayList<>();
                for (String name : value.split(",")) {
                    try {
                        codes.add(ReasonCode.valueOf(name.strip()));
                    } catch (IllegalArgumentException e) {
                        throw new UsageException("--only-reasons: '" + name.strip() + "' is not a reason code; one of "
                                + Arrays.toString(ReasonCode.values()));
                    }
                }
                return codes.toArray(new ReasonCode[0]);
            }
        }
        return new ReasonCode[0];
    }
}
