package io.maskpipe.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;

/**
 * The tests' System.Logger backend (registered in META-INF/services): keeps every line maskpipe logs, at every level,
 * so tests can assert that no value ever reaches a log.
 */
public final class CapturingLoggerFinder extends System.LoggerFinder {
    private static final List<String> LINES = new ArrayList<>();

    /** Returns every line logged so far, as {@code LEVEL logger: message}. */
    static List<String> lines() {
        synchronized (LINES) {
            return List.copyOf(LINES);
        }
    }

    @Override
    public System.Logger getLogger(String name, Module module) {
        return new System.Logger() {
            @Override
            public String getName() {
                return name;
            }

            @Override
            public boolean isLoggable(Level level) {
                return true;
            }

            @Override
            public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
                add(level + " " + name + ": " + msg + (thrown == null ? "" : " " + thrown));
            }

            @Override
            public void log(Level level, ResourceBundle bundle, String format, Object... params) {
                add(level + " " + name + ": " + (params == null || params.length == 0 ? format
                        : java.text.MessageFormat.format(format, params)));
            }
        };
    }

    private static void add(String line) {
        synchronized (LINES) {
            LINES.add(line);
        }
    }
}
