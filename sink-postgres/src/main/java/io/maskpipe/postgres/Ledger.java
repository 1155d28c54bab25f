package io.maskpipe.postgres;

import io.maskpipe.core.spi.ConnectorException.Kind;
import io.maskpipe.core.spi.SinkException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;

/**
 * The table of message ids already written, one row per (target, message id), which makes the sink idempotent on
 * tables that have no key of their own. It is written in the same transaction as the rows, so a row and its ledger
 * entry commit together or not at all. A row is 20 bytes of key: the target's {@code regclass} (its OID, printed as
 * its name) and the message id's {@link LedgerId UUID}; both compare as bytes, without a collation.
 */
record Ledger(String schema, String table) {
    static final String DEFAULT_NAME = "maskpipe_ledger";

    private static final String COLUMN_TYPES = """
            SELECT a.attname, format_type(a.atttypid, a.atttypmod) AS type
              FROM pg_catalog.pg_attribute a
              JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
              JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = :schema AND c.relname = :table AND a.attname IN ('target', 'message_id')
               AND NOT a.attisdropped""";

    String quoted() {
        return Sql.quote(schema, table);
    }

    /**
     * Creates the ledger when missing, then checks that it has the columns and key the sink relies on. A ledger of
     * the earlier layout (text ids) is refused with the way to upgrade it, never mixed with the new one.
     */
    void ensure(Handle handle) {
        if (!Target.exists(handle, schema, table)) {
            try {
                handle.execute("CREATE TABLE IF NOT EXISTS " + quoted() + " (target regclass NOT NULL, "
                        + "message_id uuid NOT NULL, written_at timestamptz NOT NULL DEFAULT now(), "
                        + "PRIMARY KEY (target, message_id))");
            } catch (JdbiException e) {
                // Another sink may have created it at the same moment: IF NOT EXISTS does not cover that race.
                if (!(e.getCause() instanceof SQLException sql) || !SqlStates.isConcurrentCreate(sql)) {
                    throw e;
                }
            }
        }
        Map<String, String> types = columnTypes(handle, table);
        if (isEarlierLayout(types)) {
            throw new SinkException("ledger " + quoted() + " has the earlier layout (text target and message_id); "
                    + "rename it to " + Sql.quote(legacyName()) + " as docs/postgres.md shows (\"Upgrading the "
                    + "ledger\"), or name a new ledger with ledgerTable(...)", Kind.SETUP, null);
        }
        if (!"regclass".equals(types.get("target")) || !"uuid".equals(types.get("message_id"))) {
            throw new SinkException("ledger " + quoted() + " needs columns target regclass and message_id uuid; "
                    + "drop it to let the sink create it, or name another with ledgerTable(...)", Kind.SETUP, null);
        }
        List<String> key = handle.createQuery("""
                SELECT a.attname
                  FROM pg_catalog.pg_index i
                  JOIN pg_catalog.pg_class c ON c.oid = i.indrelid
                  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                  JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum = ANY(i.indkey)
                 WHERE n.nspname = :schema AND c.relname = :table AND i.indisunique AND i.indnatts = 2
                 ORDER BY a.attname""").bind("schema", schema).bind("table", table).mapTo(String.class).list();
        if (!key.equals(List.of("message_id", "target"))) {
            throw new SinkException("ledger " + quoted() + " has no unique key on (target, message_id); "
                    + "drop it to let the sink create it, or name another with ledgerTable(...)", Kind.SETUP, null);
        }
    }

    /**
     * Returns the ledger of the earlier layout renamed as docs/postgres.md's upgrade shows ({@code <ledger>_text}),
     * which the sink still looks new messages up in, or null when there is none.
     */
    EarlierLedger earlierOrNull(Handle handle, Target target) {
        String name = legacyName();
        if (name.getBytes(StandardCharsets.UTF_8).length > Sql.MAX_IDENTIFIER_BYTES
                || !isEarlierLayout(columnTypes(handle, name))) { // no such table: no columns
            return null;
        }
        return new EarlierLedger(Sql.quote(schema, name), target.schema() + "." + target.table());
    }

    private String legacyName() {
        return table + "_text";
    }

    private Map<String, String> columnTypes(Handle handle, String name) {
        return handle.createQuery(COLUMN_TYPES).bind("schema", schema).bind("table", name)
                .map((rs, ctx) -> Map.entry(rs.getString("attname"), rs.getString("type")))
                .stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static boolean isEarlierLayout(Map<String, String> types) {
        return "text".equals(types.get("message_id")) && "text".equals(types.get("target"));
    }

    /** Claims ids, skipping those present already, and returns the ids it inserted. Parameters: target, ids. */
    String claimSql() {
        return "INSERT INTO " + quoted() + " (target, message_id) SELECT ?::regclass, u.id FROM unnest(?::uuid[]) "
                + "AS u(id) ON CONFLICT DO NOTHING RETURNING message_id";
    }

    /** Inserts ids that are expected to be new; a unique violation says one was not. Parameters: target, ids. */
    String insertSql() {
        return "INSERT INTO " + quoted() + " (target, message_id) SELECT ?::regclass, u.id FROM unnest(?::uuid[]) "
                + "AS u(id)";
    }

    /** Removes the entries of ids whose rows the server refused. Parameters: target, ids. */
    String deleteSql() {
        return "DELETE FROM " + quoted() + " WHERE target = ?::regclass AND message_id = ANY(?::uuid[])";
    }
}
