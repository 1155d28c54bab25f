package io.maskpipe.examples;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The settings of one example run, from command-line flags first and environment variables second; anything not
 * given falls back to the embedded defaults (ElasticMQ in-process, embedded PostgreSQL, a throwaway key).
 *
 * <p>Bad input throws {@link UsageException}, whose message names the flag and the rule; the mains print it with the
 * usage text and exit with status 2.
 */
final class ExampleOptions {
    static final int DEFAULT_MESSAGES = 1_000;
    static final int MAX_MESSAGES = 10_000_000;
    static final String DEFAULT_KEYRING_VARIABLE = "MASKPIPE_KEYS";
    private static final Pattern TABLE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private static final String OPTIONS_HEADER =
            "Options (each flag also reads the environment variable beside it; flags win):\n";
    private static final String TOKENIZE_OPTIONS = """
              --tokenize                                   store AES-SIV tokens in masked_device_id (table
                                                           user_logins_tokenized); a key holder reveals one
              --show-revealed-value                        with --tokenize: print the revealed device id in
                                                           full; default: first and last character only
            """;
    private static final String COMMON_OPTIONS = """
              --queue-url URL       MASKPIPE_QUEUE_URL     a real SQS (or LocalStack) queue to read; default: an
                                                           embedded ElasticMQ with queue login-queue
              --dlq-url URL         MASKPIPE_DLQ_URL       its dead-letter queue; required with --queue-url
              --sqs-endpoint URL    MASKPIPE_SQS_ENDPOINT  endpoint override, e.g. http://localhost:4566 (LocalStack)
              --region NAME         MASKPIPE_REGION        AWS region; default: the SDK's chain (us-east-1 locally)
              --jdbc-url URL        MASKPIPE_JDBC_URL      PostgreSQL to write to, user and password in the URL;
                                                           default: an embedded PostgreSQL
              --table NAME                                 target table; default per example (user_logins...)
              --key-env NAME        MASKPIPE_KEYS          read the key ring from this variable (default MASKPIPE_KEYS)
              --key-file PATH       MASKPIPE_KEY_FILE      read the key ring from this file
              --messages N                                 generated events to send first; default 1,000 on the
                                                           embedded queue, 0 on a real one
              --lookup-ip ADDRESS                          the IP a key holder looks up; default: a repeated one
                                                           from the generated events
              --help                                       print this and exit
            Without a key the run uses a throwaway key and says so. See docs/user-logins.md.""";

    private String queueUrl;
    private String deadLetterQueueUrl;
    private URI sqsEndpoint;
    private String region;
    private String jdbcUrl;
    private String table;
    private String keyVariable;
    private String keyText;
    private Path keyFile;
    private Integer messages;
    private String lookupIp;
    private boolean tokenize;
    private boolean showRevealedValue;
    private boolean help;

    private ExampleOptions() {
    }

    /**
     * Reads the flags, then the environment for whatever the flags left out.
     *
     * @param args the command line; {@code --tokenize} is accepted only when {@code tokenizeFlag} is true
     * @param env the environment variables
     * @param tokenizeFlag whether this example offers {@code --tokenize}
     * @throws UsageException when a flag is unknown, lacks its value, or its value breaks a rule
     */
    static ExampleOptions parse(List<String> args, Map<String, String> env, boolean tokenizeFlag) {
        ExampleOptions o = new ExampleOptions();
        List<String> rest = new ArrayList<>(args);
        while (!rest.isEmpty()) {
            String arg = rest.remove(0);
            String flag = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            switch (flag) {
                case "--help", "-h" -> o.help = true;
                case "--tokenize" -> {
                    if (!tokenizeFlag || arg.contains("=")) {
                        throw new UsageException("unknown option '" + flag + "'");
                    }
                    o.tokenize = true;
                }
                case "--show-revealed-value" -> {
                    if (!tokenizeFlag || arg.contains("=")) {
                        throw new UsageException("unknown option '" + flag + "'");
                    }
                    o.showRevealedValue = true;
                }
                case "--queue-url" -> o.queueUrl = value(arg, flag, rest);
                case "--dlq-url" -> o.deadLetterQueueUrl = value(arg, flag, rest);
                case "--sqs-endpoint" -> o.sqsEndpoint = uri(flag, value(arg, flag, rest));
                case "--region" -> o.region = value(arg, flag, rest);
                case "--jdbc-url" -> o.jdbcUrl = jdbcUrl(flag, value(arg, flag, rest));
                case "--table" -> o.table = table(value(arg, flag, rest));
                case "--key-env" -> o.keyVariable = value(arg, flag, rest);
                case "--key-file" -> o.keyFile = Path.of(value(arg, flag, rest));
                case "--messages" -> o.messages = count(flag, value(arg, flag, rest));
                case "--lookup-ip" -> o.lookupIp = value(arg, flag, rest);
                default -> throw new UsageException(flag.startsWith("-")
                        ? "unknown option '" + flag + "'" : "unexpected argument '" + arg + "' (options start with --)");
            }
        }
        o.fromEnvironment(env);
        o.check();
        return o;
    }

    private void fromEnvironment(Map<String, String> env) {
        queueUrl = orEnv(queueUrl, env, "MASKPIPE_QUEUE_URL");
        deadLetterQueueUrl = orEnv(deadLetterQueueUrl, env, "MASKPIPE_DLQ_URL");
        if (sqsEndpoint == null && present(env.get("MASKPIPE_SQS_ENDPOINT"))) {
            sqsEndpoint = uri("MASKPIPE_SQS_ENDPOINT", env.get("MASKPIPE_SQS_ENDPOINT"));
        }
        region = orEnv(region, env, "MASKPIPE_REGION");
        if (jdbcUrl == null && present(env.get("MASKPIPE_JDBC_URL"))) {
            jdbcUrl = jdbcUrl("MASKPIPE_JDBC_URL", env.get("MASKPIPE_JDBC_URL"));
        }
        if (keyFile == null && keyVariable == null && present(env.get("MASKPIPE_KEY_FILE"))) {
            keyFile = Path.of(env.get("MASKPIPE_KEY_FILE"));
        }
        if (keyFile == null && keyVariable == null && present(env.get(DEFAULT_KEYRING_VARIABLE))) {
            keyVariable = DEFAULT_KEYRING_VARIABLE;
        }
        if (keyVariable != null) {
            keyText = env.get(keyVariable);
            if (!present(keyText)) {
                throw new UsageException("--key-env: environment variable '" + keyVariable + "' is not set");
            }
        }
    }

    private void check() {
        if (showRevealedValue && !tokenize) {
            throw new UsageException("--show-revealed-value is for --tokenize: only a token can be revealed");
        }
        if (keyFile != null && keyVariable != null) {
            throw new UsageException("--key-env and --key-file: give one key ring, not both");
        }
        if (queueUrl != null && deadLetterQueueUrl == null) {
            throw new UsageException("--queue-url needs --dlq-url too: rejected messages go to a dead-letter queue");
        }
        if (queueUrl == null && deadLetterQueueUrl != null) {
            throw new UsageException("--dlq-url is for a real queue: give --queue-url too");
        }
        if (queueUrl == null && (sqsEndpoint != null || region != null)) {
            throw new UsageException("--sqs-endpoint and --region are for a real queue: give --queue-url too");
        }
    }

    private static String value(String arg, String flag, List<String> rest) {
        String value;
        if (arg.contains("=")) {
            value = arg.substring(arg.indexOf('=') + 1);
        } else if (rest.isEmpty() || rest.get(0).startsWith("--")) {
            throw new UsageException(flag + ": needs a value");
        } else {
            value = rest.remove(0);
        }
        if (value.isBlank()) {
            throw new UsageException(flag + ": needs a value");
        }
        return value;
    }

    private static URI uri(String flag, String text) {
        try {
            URI uri = URI.create(text);
            if (uri.getScheme() == null || uri.getHost() == null) {
                throw new IllegalArgumentException("no scheme or host");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new UsageException(flag + ": expected a URL such as http://localhost:4566");
        }
    }

    private static String jdbcUrl(String flag, String text) {
        if (!text.startsWith("jdbc:postgresql:")) {
            throw new UsageException(flag + ": expected a PostgreSQL JDBC URL starting with jdbc:postgresql:");
        }
        return text;
    }

    private static String table(String name) {
        if (!TABLE_NAME.matcher(name).matches()) {
            throw new UsageException("--table: expected a lower-case name of letters, digits and _ (at most 63)");
        }
        return name;
    }

    private static int count(String flag, String text) {
        try {
            int n = Integer.parseInt(text.replace("_", ""));
            if (n >= 0 && n <= MAX_MESSAGES) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UsageException(flag + ": expected a whole number from 0 to " + MAX_MESSAGES + ", got '" + text + "'");
    }

    private static String orEnv(String given, Map<String, String> env, String variable) {
        return given != null ? given : present(env.get(variable)) ? env.get(variable) : null;
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }

    /**
     * Returns the usage text: the program's name, then every option under one header.
     *
     * @param program the main class's simple name
     * @param tokenizeFlag whether this example offers {@code --tokenize} and {@code --show-revealed-value}
     */
    static String usage(String program, boolean tokenizeFlag) {
        return "Usage: " + program + " [options]\n" + OPTIONS_HEADER + (tokenizeFlag ? TOKENIZE_OPTIONS : "")
                + COMMON_OPTIONS;
    }

    boolean help() {
        return help;
    }

    boolean tokenize() {
        return tokenize;
    }

    /** Returns whether the revealed value is printed in full ({@code --show-revealed-value}); else it is masked. */
    boolean showRevealedValue() {
        return showRevealedValue;
    }

    /** Returns the real queue's URL, or empty for the embedded ElasticMQ. */
    Optional<String> queueUrl() {
        return Optional.ofNullable(queueUrl);
    }

    String deadLetterQueueUrl() {
        return deadLetterQueueUrl;
    }

    Optional<URI> sqsEndpoint() {
        return Optional.ofNullable(sqsEndpoint);
    }

    Optional<String> region() {
        return Optional.ofNullable(region);
    }

    /** Returns the real database's JDBC URL, or empty for the embedded PostgreSQL. */
    Optional<String> jdbcUrl() {
        return Optional.ofNullable(jdbcUrl);
    }

    Optional<String> table() {
        return Optional.ofNullable(table);
    }

    Optional<String> keyVariable() {
        return Optional.ofNullable(keyVariable);
    }

    /** Returns the key ring's text read from {@link #keyVariable()}; never printed. */
    Optional<String> keyText() {
        return Optional.ofNullable(keyText);
    }

    Optional<Path> keyFile() {
        return Optional.ofNullable(keyFile);
    }

    /** Returns how many generated events to send before the run: the flag, else 1000 embedded and 0 on a real queue. */
    int messages() {
        return messages != null ? messages : queueUrl == null ? DEFAULT_MESSAGES : 0;
    }

    Optional<String> lookupIp() {
        return Optional.ofNullable(lookupIp);
    }

    /** Thrown when the command line or environment cannot be used; the message names the flag and the rule. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
