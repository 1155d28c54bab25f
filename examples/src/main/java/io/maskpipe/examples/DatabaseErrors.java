package io.maskpipe.examples;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Says in words what a PostgreSQL error code means for the example's user, built from the SQLSTATE and the parts of
 * the JDBC URL that are no secret (host, port, database, user). The server's own text is never used: it can quote a
 * value, and the URL's password and other parameters never appear.
 */
final class DatabaseErrors {
    private static final Pattern URL = Pattern.compile("jdbc:postgresql:(?://([^/?]*))?/?([^?]*)(?:\\?(.*))?");
    private static final Pattern USER = Pattern.compile("(?:^|&)user=([^&]*)");
    private static final int DEFAULT_PORT = 5432;

    private DatabaseErrors() {
    }

    /**
     * Returns what the code means, e.g. {@code cannot connect to 127.0.0.1:5999: is PostgreSQL running there and
     * does it accept TCP connections?} for {@code 08001}.
     *
     * @param sqlState the SQLSTATE of the failure, {@code null} when the driver gave none
     * @param jdbcUrl the URL the example connected with
     */
    static String describe(String sqlState, String jdbcUrl) {
        String state = sqlState == null ? "" : sqlState;
        if (state.startsWith("08")) {
            return "cannot connect to " + hostAndPort(jdbcUrl)
                    + ": is PostgreSQL running there and does it accept TCP connections?";
        }
        switch (state) {
            case "28P01":
                return "password authentication failed for user " + user(jdbcUrl) + ": check the password";
            case "28000":
                return "the server refused user " + user(jdbcUrl)
                        + " (no such role, or pg_hba.conf does not let it in)";
            case "3D000":
                return "database '" + database(jdbcUrl) + "' does not exist";
            case "42501":
                return "user " + user(jdbcUrl) + " lacks a privilege the example needs (CREATE TABLE, INSERT, SELECT)";
            case "53300":
                return "the server has no free connection slots";
            case "57P03":
                return "the server is starting up or shutting down";
            default:
                return state.isEmpty() ? "the driver failed before the server answered" : "the statement failed";
        }
    }

    private static Matcher parts(String jdbcUrl) {
        Matcher m = URL.matcher(jdbcUrl);
        return m.matches() ? m : null;
    }

    /** Returns {@code host:port} (several, comma-separated, for a multi-host URL), the default port filled in. */
    static String hostAndPort(String jdbcUrl) {
        Matcher m = parts(jdbcUrl);
        if (m == null || m.group(1) == null || m.group(1).isEmpty()) {
            return "localhost:" + DEFAULT_PORT;
        }
        StringBuilder hosts = new StringBuilder();
        for (String host : m.group(1).split(",")) {
            String bare = host.substring(host.lastIndexOf('@') + 1);
            boolean hasPort = bare.startsWith("[") ? bare.contains("]:") : bare.contains(":");
            hosts.append(hosts.length() == 0 ? "" : ",").append(bare).append(hasPort ? "" : ":" + DEFAULT_PORT);
        }
        return hosts.toString();
    }

    /** Returns the user named in the URL, quoted, or a phrase saying the driver's default was used. */
    static String user(String jdbcUrl) {
        Matcher m = parts(jdbcUrl);
        if (m != null && m.group(3) != null) {
            Matcher user = USER.matcher(m.group(3));
            if (user.find()) {
                return "'" + java.net.URLDecoder.decode(user.group(1), java.nio.charset.StandardCharsets.UTF_8) + "'";
            }
        }
        return "(none in the URL: the driver's default)";
    }

    private static String database(String jdbcUrl) {
        Matcher m = parts(jdbcUrl);
        return m == null ? "" : m.group(2);
    }
}
