package io.maskpipe.postgres;

import static io.maskpipe.postgres.UserLogins.login;
import static org.assertj.core.api.Assertions.assertThat;

import io.maskpipe.core.record.Metadata;
import io.maskpipe.core.record.Record;
import io.maskpipe.core.spi.WriteResult;
import java.sql.Connection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The race of the ledger claim's fast path: the sink claims a batch with a plain insert while another writer holds
 * some of the same ids uncommitted. The sink waits for it; if it commits, the sink's insert fails with a unique
 * violation, and the sink claims again with ON CONFLICT, reporting those ids duplicates and writing the rest; if it
 * rolls back, the sink writes everything.
 */
class LedgerRaceTest {
    @RegisterExtension
    static final TestDatabase database = new TestDatabase();

    @BeforeEach
    void freshTable() {
        UserLogins.recreate(database);
    }

    private static List<Record> logins(int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> login("race-" + i)).toList();
    }

    @Test
    void write_idsAnotherWriterCommitsWhileTheSinkWaits_areDuplicatesAndTheRestIsWritten() throws Exception {
        List<WriteResult> results = writeWhileAnotherWriterHolds(logins(5, 10), true);

        assertThat(results.subList(0, 5)).containsOnly(WriteResult.written());
        assertThat(results.subList(5, 10)).containsOnly(WriteResult.duplicate());
        assertThat(results.subList(10, 20)).containsOnly(WriteResult.written());
        assertThat(database.count("user_logins")).isEqualTo(20); // 15 of the sink's, 5 of the other writer's
        assertThat(database.count("maskpipe_ledger")).isEqualTo(20);
    }

    @Test
    void write_idsAnotherWriterRollsBackWhileTheSinkWaits_areAllWritten() throws Exception {
        List<WriteResult> results = writeWhileAnotherWriterHolds(logins(5, 10), false);

        assertThat(results).hasSize(20).containsOnly(WriteResult.written());
        assertThat(database.count("user_logins")).isEqualTo(20);
        assertThat(database.count("maskpipe_ledger")).isEqualTo(20);
    }

    // Another writer claims the held messages and writes their rows without committing; the sink writes 20 messages
    // (the held ones among them) and blocks on the first held id; the other writer then ends its transaction.
    private List<WriteResult> writeWhileAnotherWriterHolds(List<Record> held, boolean commit) throws Exception {
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try (PostgresSink sink = UserLogins.sink(database).build();
             Connection holder = database.dataSource().getConnection()) {
            sink.open();
            holder.setAutoCommit(false);
            UUID[] ids = held.stream().map(r -> LedgerId.of(r.metadata().messageId().orElseThrow(),
                    r.metadata().asMap().get(Metadata.SENT_TIMESTAMP)))
                    .toArray(UUID[]::new);
            try (var claim = holder.prepareStatement("INSERT INTO maskpipe_ledger (target, message_id) "
                    + "SELECT 'user_logins'::regclass, unnest(?::uuid[])");
                 var row = holder.prepareStatement("INSERT INTO user_logins (user_id, create_date) "
                         + "SELECT 'other-' || g, DATE '2026-01-01' FROM generate_series(1, ?) AS g")) {
                claim.setArray(1, holder.createArrayOf("uuid", ids));
                claim.executeUpdate();
                row.setInt(1, held.size());
                row.executeUpdate();
            }
            Future<List<WriteResult>> written = writer.submit(() -> sink.write(logins(0, 20)));
            database.awaitSinkBlockedBy(TestDatabase.backendPid(holder), written);
            if (commit) {
                holder.commit();
            } else {
                holder.rollback();
            }
            return written.get();
        } finally {
            writer.shutdownNow();
        }
    }
}
