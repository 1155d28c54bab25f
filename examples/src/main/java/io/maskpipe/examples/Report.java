package io.maskpipe.examples;

import io.maskpipe.core.key.Keyring;
import io.maskpipe.core.Maskers;
import io.maskpipe.core.PipelineSummary;
import io.maskpipe.core.record.ReasonCode;
import io.maskpipe.core.Tokenizer;
import io.maskpipe.examples.LoginQueues.DeadLetterView;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the example prints on standard output. Everything before the "Key holder" sections is counts, reason codes,
 * message ids and masks; only a key holder's sections show a raw value (the one looked up, the one revealed).
 */
final class Report {
    static final String KEY_HOLDER = "Key holder";
    static final int SHOWN = 10;

    private final PrintStream out;
    private final String table;

    Report(PrintStream out, String table) {
        this.out = out;
        this.table = table;
    }

    void setting(String name, String value) {
        out.printf(Locale.ROOT, "%-9s %s%n", name, value);
    }

    void line(String text) {
        out.println(text);
    }

    void summary(PipelineSummary s) {
        out.println("\nSummary");
        row("received", s.received());
        row("written", s.written());
        row("duplicates skipped", s.duplicates());
        row("rejected", s.rejected());
        for (Map.Entry<ReasonCode, Long> reason : s.rejectedByReason().entrySet()) {
            row("  " + reason.getKey(), reason.getValue());
        }
        if (s.leftForRedrive() + s.released() > 0) {
            row("left on the queue", s.leftForRedrive() + s.released());
        }
        out.printf(Locale.ROOT, "  %-22s %,12.1f s%n", "elapsed", s.elapsed().toMillis() / 1000.0);
        out.printf(Locale.ROOT, "  %-22s %,12.0f messages/s%n", "throughput", s.messagesPerSecond());
    }

    private void row(String name, long value) {
        out.printf(Locale.ROOT, "  %-22s %,12d%n", name, value);
    }

    void deadLetters(List<DeadLetterView> letters) {
        out.printf(Locale.ROOT, "%nDead-letter queue: %,d messages (reason, field, rule; bodies stay in the queue)%n",
                letters.size());
        Map<String, Integer> byReason = new TreeMap<>();
        letters.forEach(l -> byReason.merge(l.reason(), 1, Integer::sum));
        byReason.forEach((reason, n) -> out.printf(Locale.ROOT, "  %-22s %,12d%n", reason, n));
        letters.stream().limit(SHOWN).forEach(l -> out.printf(Locale.ROOT, "  message %s  %s%s: %s%n",
                l.sourceMessageId(), l.reason(), l.field() == null ? "" : " field '" + l.field() + "'", l.rule()));
        if (letters.size() > SHOWN) {
            out.printf(Locale.ROOT, "  ... and %,d more%n", letters.size() - SHOWN);
        }
    }

    /** Prints the row count and the analysts' duplicate queries; returns the row count. */
    long analysts(LoginsDatabase database) {
        long rows = Long.parseLong(database.query("SELECT count(*) FROM " + table).get(0).get(0));
        out.printf(Locale.ROOT, "%nRows in %s: %,d%n", table, rows);
        duplicates(database, "IPs seen more than once", "masked_ip");
        duplicates(database, "devices seen more than once", "masked_device_id");
        return rows;
    }

    private void duplicates(LoginsDatabase database, String title, String column) {
        String sql = "SELECT " + column + ", count(*) AS logins, count(DISTINCT user_id) AS users FROM " + table
                + " GROUP BY " + column + " HAVING count(*) > 1 ORDER BY logins DESC, " + column;
        List<List<String>> groups = database.query(sql);
        out.printf(Locale.ROOT, "%nAnalysts' query, %s (%,d found):%n  %s;%n", title, groups.size(), sql);
        groups.stream().limit(SHOWN).forEach(g -> out.printf(Locale.ROOT, "  %-60s %,3d logins, %,3d users%n",
                g.get(0), Long.parseLong(g.get(1)), Long.parseLong(g.get(2))));
        if (groups.size() > SHOWN) {
            out.printf(Locale.ROOT, "  ... and %,d more%n", groups.size() - SHOWN);
        }
    }

    /** A key holder masks a known ip with the ring and finds its rows by equality; returns how many. */
    long keyHolderLookup(LoginsDatabase database, String ip, String mask) {
        String sql = "SELECT count(*) FROM " + table + " WHERE masked_ip = ?";
        long count = Long.parseLong(database.query(sql, mask).get(0).get(0));
        out.printf(Locale.ROOT, "%n%s: find the logins of one known IP%n", KEY_HOLDER);
        out.printf(Locale.ROOT, "  mask of %s in domain 'ip', computed with the key ring: %s%n", ip, mask);
        out.printf(Locale.ROOT, "  %s  -> %,d logins%n", sql, count);
        return count;
    }

    /**
     * A key holder reveals the most repeated stored device token; returns the revealed value. The screen shows it
     * masked ({@link #partly}) unless {@code showInFull}: a terminal is no place for a real device id.
     */
    String keyHolderReveal(LoginsDatabase database, Keyring keyring, boolean showInFull) {
        List<List<String>> top = database.query("SELECT masked_device_id FROM " + table
                + " GROUP BY masked_device_id ORDER BY count(*) DESC, masked_device_id LIMIT 1");
        out.printf(Locale.ROOT, "%n%s: reveal one stored device id%n", KEY_HOLDER);
        if (top.isEmpty()) {
            out.println("  (the table is empty)");
            return null;
        }
        String token = top.get(0).get(0);
        Tokenizer tokenizer = Maskers.tokenize(keyring);
        String revealed = tokenizer.reveal(token, "device_id");
        out.printf(Locale.ROOT, "  stored in %s.masked_device_id: %s%n", table, token);
        if (showInFull) {
            out.printf(Locale.ROOT, "  revealed with the key ring (domain 'device_id'):  %s%n", revealed);
        } else {
            out.printf(Locale.ROOT, "  revealed with the key ring (domain 'device_id'):  %s"
                    + "  (%,d characters; --show-revealed-value prints it in full)%n", partly(revealed),
                    revealed.length());
        }
        return revealed;
    }

    /** Returns the value with all but its first and last character as {@code *}; all of it for 4 characters or less. */
    static String partly(String value) {
        if (value.length() <= 4) {
            return "*".repeat(value.length());
        }
        return value.charAt(0) + "*".repeat(value.length() - 2) + value.charAt(value.length() - 1);
    }
}
