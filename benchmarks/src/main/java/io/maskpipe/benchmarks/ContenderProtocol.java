package io.maskpipe.benchmarks;

import java.nio.file.Path;
import java.util.List;

/**
 * The line protocol between the end-to-end harness and a contender's own JVM ({@code --jvm-per-contender}), on a
 * loopback socket, one line each way per phase, fields separated by tabs: the child writes {@value #READY} once it
 * is up; the parent writes {@code run <queue URL> <messages> <profile file or ->} for each phase on a queue it has
 * filled, and the child answers with one {@code result} line carrying the {@link PhaseResult}'s figures;
 * {@value #QUIT} (or the end of its input) ends the child. Names and notes carry no tab or line break: they are
 * replaced by spaces.
 */
final class ContenderProtocol {
    static final String READY = "ready";
    static final String QUIT = "quit";
    private static final String RUN = "run";
    private static final String RESULT = "result";
    private static final String NO_PROFILE = "-";

    private ContenderProtocol() {
    }

    /** One phase to run: consume {@code messages} from the queue, profiled into {@code profile} unless null. */
    record Run(String queueUrl, int messages, Path profile) {
    }

    static String runLine(Run run) {
        return String.join("\t", RUN, flat(run.queueUrl()), Integer.toString(run.messages()),
                run.profile() == null ? NO_PROFILE : flat(run.profile().toString()));
    }

    static Run parseRun(String line) {
        String[] fields = fields(line, RUN, 4);
        Path profile = fields[3].equals(NO_PROFILE) ? null : Path.of(fields[3]);
        return new Run(fields[1], Integer.parseInt(fields[2]), profile);
    }

    static String resultLine(PhaseResult result) {
        SteadyMeter.Window w = result.steady();
        SteadyMeter.JvmShare jvm = w.jvm();
        return String.join("\t", List.of(RESULT, flat(result.name()), Long.toString(result.messages()),
                Long.toString(result.nanos()), Long.toString(w.messages()), Long.toString(w.nanos()),
                Long.toString(w.cpuNanos()), Long.toString(w.queueCpuNanos()), Long.toString(w.databaseCpuNanos()),
                Long.toString(jvm.gcMillis()), Long.toString(jvm.jitMillis()), Long.toString(jvm.kernelNanos()),
                Long.toString(jvm.jitCpuNanos()), flat(result.note()), lines(w.threads())));
    }

    static PhaseResult parseResult(String line) {
        String[] f = fields(line, RESULT, 15);
        SteadyMeter.Window window = new SteadyMeter.Window(Long.parseLong(f[4]), Long.parseLong(f[5]),
                Long.parseLong(f[6]), Long.parseLong(f[7]), Long.parseLong(f[8]),
                new SteadyMeter.JvmShare(Long.parseLong(f[9]), Long.parseLong(f[10]), Long.parseLong(f[11]),
                        Long.parseLong(f[12])), f[14].replace(LINE, '\n'));
        return new PhaseResult(f[1], Long.parseLong(f[2]), Long.parseLong(f[3]), window, f[13]);
    }

    private static String[] fields(String line, String verb, int count) {
        String[] fields = line.split("\t", -1);
        if (fields.length != count || !fields[0].equals(verb)) {
            throw new IllegalArgumentException("expected a '" + verb + "' line of " + count + " fields, got "
                    + fields.length + " fields starting '" + fields[0] + "'");
        }
        return fields;
    }

    // A multi-line text in one field: its line breaks as the unit separator, which no report line holds.
    private static String lines(String text) {
        return text.replace('\t', ' ').replace('\r', ' ').replace('\n', LINE);
    }

    private static final char LINE = '\u001f';

    private static String flat(String text) {
        return text.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }
}
