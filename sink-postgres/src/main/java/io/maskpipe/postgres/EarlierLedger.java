package io.maskpipe.postgres;

import java.sql.Array;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/**
 * A ledger of the earlier layout, {@code (target text, message_id text)} with the target spelled {@code schema.table},
 * kept under its upgrade name ({@code <ledger>_text}) after an upgrade. Its entries have no sent time, so they cannot
 * be carried into the current ledger's keys; instead the sink looks each message it claims as new up here too, and
 * one found is a duplicate. The look-up runs only while this table exists: drop it once the queue's retention period
 * has passed since the upgrade (docs/postgres.md, "Upgrading the ledger").
 *
 * @param quoted the table's quoted, schema-qualified name
 * @param target the target as the earlier sink wrote it: {@code schema.table}, unquoted
 */
record EarlierLedger(String quoted, String target) {

    /**
     * Returns which of the ledger ids were written by the earlier sink.
     *
     * @param ids the ledger ids, distinct
     * @param messageIds each id's message id, at the same index
     */
    Set<UUID> written(Connection connection, UUID[] ids, String[] messageIds) throws SQLException {
        Set<UUID> found = new HashSet<>();
        try (var statement = connection.prepareStatement("SELECT u.id FROM unnest(?::uuid[], ?::text[]) "
                + "AS u(id, message_id) WHERE EXISTS (SELECT 1 FROM " + quoted + " AS l WHERE l.target = ? "
                + "AND l.message_id = u.message_id)")) {
            Array messageIdArray = connection.createArrayOf("text", messageIds);
            try {
                statement.setString(1, LedgerId.arrayText(ids));
                statement.setArray(2, messageIdArray);
                statement.setString(3, target);
                try (var resultSet = statement.executeQuery()) {
                    while (resultSet.next()) {
                        found.add(resultSet.getObject(1, UUID.class));
                    }
                }
            } finally {
                messageIdArray.free();
            }
        }
        return found;
    }
}
