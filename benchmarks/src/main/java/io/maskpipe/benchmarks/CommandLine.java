package io.maskpipe.benchmarks;

/** The benchmarks' command-line options: {@code --name value} pairs, numbers allowing {@code _} and {@code ,}. */
final class CommandLine {
    private CommandLine() {
    }

    /** The number after {@code name}, or the default when the option is absent. */
    static int number(String[] args, String name, int defaultValue) {
        return Integer.parseInt(text(args, name, Integer.toString(defaultValue)).replace("_", "").replace(",", ""));
    }

    /** The text after {@code name}, or the default when the option is absent. */
    static String text(String[] args, String name, String defaultValue) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return defaultValue;
    }
}
