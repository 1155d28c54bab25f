package io.maskpipe.postgres;

import io.maskpipe.core.record.Metadata;
import io.maskpipe.core.record.ReasonCode;
import io.maskpipe.core.record.Record;
import io.maskpipe.core.record.Rejection;
import io.maskpipe.core.spi.WriteResult;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * The ledger's part of writing a batch: each record's ledger key (docs/format.md §7), rejecting records whose
 * message id cannot have one; the claim of a batch's keys inside its transaction, telling which are new; the
 * look-up in a ledger of the earlier layout while one is kept; and the release of keys claimed but not written.
 * Stateless apart from its configuration, so writer and claimer threads share one.
 */
final class LedgerClaims {
    private static final String NO_ID = "metadata '" + Metadata.MESSAGE_ID
            + "' is absent; the sink needs it to write idempotently";

    private final Ledger ledger;
    private final String targetQuoted;
    private final EarlierLedger earlier;

    LedgerClaims(Ledger ledger, Target target, EarlierLedger earlier) {
        this.ledger = ledger;
        this.targetQuoted = target.quoted();
        this.earlier = earlier;
    }

    /** Whether new messages are also looked up in a ledger of the earlier layout. */
    boolean consultsEarlier() {
        return earlier != null;
    }

    // Each record's ledger UUID; a record without a usable message id is rejected here and gets none.
    static UUID[] ledgerIds(List<Record> records, WriteResult[] results) {
        UUID[] ids = new UUID[records.size()];
        for (int i = 0; i < ids.length; i++) {
            String id = records.get(i).metadata().messageId().orElse(null);
            String flaw = id == null ? null : flawOrNull(id);
            if (id == null || flaw != null) {
                results[i] = WriteResult.rejected(id == null ? Rejection.of(ReasonCode.MISSING_FIELD, NO_ID)
                        : Rejection.of(ReasonCode.INVALID_VALUE, "metadata '" + Metadata.MESSAGE_ID + "' " + flaw));
            } else {
                ids[i] = LedgerId.of(id, records.get(i).metadata().asMap().get(Metadata.SENT_TIMESTAMP));
            }
        }
        return ids;
    }

    // An id the ledger cannot map one to one: a NUL (refused by PostgreSQL text too), or a lone surrogate, which
    // UTF-8 cannot encode, so two such ids could share an entry.
    private static String flawOrNull(String id) {
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c == '\0') {
                return "contains a NUL character";
            }
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < id.length() && Character.isLowSurrogate(id.charAt(i + 1))) {
                    i++;
                } else {
                    return "contains an unpaired surrogate";
                }
            }
        }
        return null;
    }

    // Claims the ids (sorted, distinct) and returns the new ones, or null when all are. The common case, a batch of
    // new ids, is one plain insert; a unique violation (a redelivery, or another writer's commit of the same id)
    // rolls the transaction back, nothing having been written yet, and claims again with ON CONFLICT DO NOTHING
    // RETURNING, which names the new ids. Ids go in sorted, so two writers with overlapping batches lock in the same
    // order.
    Set<UUID> claim(Connection connection, UUID[] claimIds) throws SQLException {
        String ids = LedgerId.arrayText(claimIds);
        try (var statement = connection.prepareStatement(ledger.insertSql())) {
            statement.setString(1, targetQuoted);
            statement.setString(2, ids);
            statement.executeUpdate();
            return null;
        } catch (SQLException e) {
            if (!SqlStates.of(e).equals(SqlStates.UNIQUE_VIOLATION)) {
                throw e;
            }
            connection.rollback();
        }
        Set<UUID> claimed = new HashSet<>();
        try (var statement = connection.prepareStatement(ledger.claimSql())) {
            statement.setString(1, targetQuoted);
            statement.setString(2, ids);
            try (var resultSet = statement.executeQuery()) {
                while (resultSet.next()) {
                    claimed.add(resultSet.getObject(1, UUID.class));
                }
            }
        }
        return claimed;
    }

    // The distinct ids, sorted as PostgreSQL orders uuid (bytewise, unsigned), which is also the ledger index's order.
    static UUID[] distinctSorted(UUID[] ledgerIds) {
        UUID[] ids = Arrays.stream(ledgerIds).filter(Objects::nonNull).toArray(UUID[]::new);
        Arrays.sort(ids, (a, b) -> {
            int high = Long.compareUnsigned(a.getMostSignificantBits(), b.getMostSignificantBits());
            return high != 0 ? high : Long.compareUnsigned(a.getLeastSignificantBits(), b.getLeastSignificantBits());
        });
        int distinct = 0;
        for (UUID id : ids) {
            if (distinct == 0 || !ids[distinct - 1].equals(id)) {
                ids[distinct++] = id;
            }
        }
        return distinct == ids.length ? ids : Arrays.copyOf(ids, distinct);
    }

    // Removes the entries of ids claimed but not written.
    void release(Connection connection, UUID[] ids) throws SQLException {
        try (var statement = connection.prepareStatement(ledger.deleteSql())) {
            statement.setString(1, targetQuoted);
            statement.setString(2, LedgerId.arrayText(ids));
            statement.executeUpdate();
        }
    }

    // The claimed ids less those the earlier ledger holds: written before the upgrade, so duplicates. Their new
    // entries stay, so a later redelivery finds them in the ledger itself.
    Set<UUID> withoutEarlier(Connection connection, Set<UUID> claimed, List<Record> records,
            UUID[] ledgerIds, UUID[] claimIds) throws SQLException {
        Map<UUID, String> messageIds = new HashMap<>();
        for (int i = 0; i < ledgerIds.length; i++) {
            UUID id = ledgerIds[i];
            if (id != null && (claimed == null || claimed.contains(id))) {
                messageIds.putIfAbsent(id, records.get(i).metadata().messageId().orElseThrow());
            }
        }
        UUID[] ids = messageIds.keySet().toArray(UUID[]::new);
        Set<UUID> old = earlier.written(connection, ids,
                Arrays.stream(ids).map(messageIds::get).toArray(String[]::new));
        if (old.isEmpty()) {
            return claimed;
        }
        Set<UUID> fresh = new HashSet<>(claimed != null ? claimed : Arrays.asList(claimIds));
        fresh.removeAll(old);
        return fresh;
    }
}
