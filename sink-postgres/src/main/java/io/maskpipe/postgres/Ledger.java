package io.maskpipe.postgres;

import io.maskpipe.core.spi.ConnectorException.Kind;
import io.maskpipe.core.spi.SinkException;
import java.sql.SQLException;
import java.util.List;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.Handle;

/**
 * The table of message ids already written, one row per (target, message id), which makes the sink idempotent on
 * tables that have no key of their own. It is written in the same transaction as the rows, so a row and its ledger
 * entry commit together or not at all.
 */
record Ledger(String schema, String table) {
    static final String DEFAULT_NAME = "maskpipe_ledger";

    String quoted() {
        return Sql.quote(schema, table);
    }

    /** Creates the ledger when missing, then checks that it has the columns and key the sink relies on. */
    void ensure(Handle handle) {
        if (!Target.exists(handle, schema, table)) {
            try {
                handle.execute("CREATE TABLE IF NOT EXISTS " + quoted() + " (target text NOT NULL, "
                        + "message_id text NOT NULL, written_at timestamptz NOT NULL DEFAULT now(), "
                        + "PRIMARY KEY (target, message_id))");
            } catch (JdbiException e) {
                // Another sink may have created it at the same moment: IF NOT EXISTS does not cover that race.
                if (!(e.getCause() instanceof SQLException sql) || !SqlStates.isConcurrentCreate(sql)) {
                    throw e;
                }
            }
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

    String insertSql() {
        return "INSERT INTO " + quoted() + " (target, message_id) SELECT ?, u.id FROM unnest(?::text[]) AS u(id) "
                + "ON CONFLICT DO NOTHING RETURNING message_id";
    }

    String deleteSql() {
        return "DELETE FROM " + quoted() + " WHERE target = ? AND message_id = ANY(?::text[])";
    }
}
