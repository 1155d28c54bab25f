package io.maskpipe.benchmarks;

import java.util.Locale;

/**
 * The end-to-end harness's contenders that consume a filled queue through an SDK client, each of which may run in a
 * JVM of its own ({@code --jvm-per-contender}): the pipeline, the bare SDK loop, the SDK loop asking for
 * {@code SqsSource}'s attributes, and the hand-written loader.
 */
enum Contender {
    /** {@code SqsSource -> mask -> PostgresSink}, as the user-logins example runs it. */
    PIPELINE("pipeline", "pipeline", true),
    /** Receive(10) + DeleteMessageBatch and nothing else: the SDK ceiling. */
    SDK("sdk", "SDK loop", false),
    /** The SDK loop asking for the attributes {@code SqsSource} asks for. */
    SDK_ATTRIBUTES("sdk-attributes", "SDK loop + attributes", false),
    /** Receive, parse, mask, COPY, delete, with none of maskpipe's promises. */
    HAND("hand", "hand-written", true);

    private final String id;
    private final String label;
    private final boolean writesRows;

    Contender(String id, String label, boolean writesRows) {
        this.id = id;
        this.label = label;
        this.writesRows = writesRows;
    }

    /** The name on a command line and in file names. */
    String id() {
        return id;
    }

    /** The name in the harness's warm-up lines. */
    String label() {
        return label;
    }

    /** Whether its phase writes rows, so the tables are reset before it. */
    boolean writesRows() {
        return writesRows;
    }

    static Contender parse(String text) {
        for (Contender contender : values()) {
            if (contender.id.equals(text.trim().toLowerCase(Locale.ROOT))) {
                return contender;
            }
        }
        throw new IllegalArgumentException("unknown contender '" + text + "' (pipeline, sdk, sdk-attributes, hand)");
    }
}
