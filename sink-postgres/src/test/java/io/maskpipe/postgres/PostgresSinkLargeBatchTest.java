package io.maskpipe.postgres;

import static io.maskpipe.postgres.UserLogins.login;
import static io.maskpipe.postgres.UserLogins.logins;
import static org.assertj.core.api.Assertions.assertThat;

import io.maskpipe.core.record.FieldPath;
import io.maskpipe.core.record.ReasonCode;
import io.maskpipe.core.record.Record;
import io.maskpipe.core.record.Rejection;
import io.maskpipe.core.spi.WriteResult;
import io.maskpipe.core.spi.WriteResult.Status;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Batches large enough that the ledger claim runs while the records are encoded ({@link BatchWriter#OVERLAP_IDS}):
 * the ids of records rejected in encoding are claimed, so these prove their entries are gone at commit and the
 * results are those of a claim made after encoding.
 */
class PostgresSinkLargeBatchTest {
    private static final int SIZE = BatchWriter.OVERLAP_IDS * 3;
    private static final Rejection TOO_LONG = Rejection.of(ReasonCode.VALUE_TOO_LONG, FieldPath.of("locale"),
            "column \"locale\" varchar(32): longer than 32 characters");

    @RegisterExtension
    static final TestDatabase database = new TestDatabase();

    @BeforeEach
    void freshTable() {
        UserLogins.recreate(database);
    }

    private static long ledgerEntries(String... messageIds) {
        long entries = 0;
        for (String id : messageIds) {
            entries += Long.parseLong(database.query("SELECT count(*) FROM maskpipe_ledger WHERE message_id = '"
                    + UserLogins.ledgerId(id) + "'").get(0).get(0));
        }
        return entries;
    }

    @Test
    void write_rejectedInEncodingAndRefusedByTheServer_leaveNoLedgerEntryAndTheRestCommits() {
        database.execute("ALTER TABLE user_logins ADD CONSTRAINT locale_not_xx CHECK (locale <> 'xx')");
        List<Record> batch = logins("m", SIZE);
        batch.set(3, login("long3", "x".repeat(40), "1.0"));
        batch.set(150, login("refused150", "xx", "1.0"));
        batch.set(SIZE - 1, login("long-last", "y".repeat(40), "1.0"));
        try (PostgresSink sink = UserLogins.sink(database).build()) {
            List<WriteResult> results = sink.write(batch);
            assertThat(results.get(3)).isEqualTo(WriteResult.rejected(TOO_LONG));
            assertThat(results.get(SIZE - 1)).isEqualTo(WriteResult.rejected(TOO_LONG));
            assertThat(results.get(150).status()).isEqualTo(Status.REJECTED);
            assertThat(results.get(150).rejection().orElseThrow().reason()).isEqualTo(ReasonCode.SINK_REJECTED);
            assertThat(results).filteredOn(r -> r.status() == Status.WRITTEN).hasSize(SIZE - 3);
        }
        assertThat(database.count("user_logins")).isEqualTo(SIZE - 3);
        assertThat(database.count("maskpipe_ledger")).isEqualTo(SIZE - 3);
        assertThat(ledgerEntries("long3", "refused150", "long-last")).isZero();
    }

    @Test
    void write_rowRefusedInALaterCopyChunk_isIsolatedAndTheOtherChunksCommit() {
        database.execute("ALTER TABLE user_logins ADD CONSTRAINT locale_not_xx CHECK (locale <> 'xx')");
        int size = RowInserter.COPY_CHUNK_BYTES / 20; // about 70 bytes a row: some three chunks
        List<Record> batch = logins("m", size);
        batch.set(size - 2, login("refused", "xx", "1.0"));
        try (PostgresSink sink = UserLogins.sink(database).build()) {
            List<WriteResult> results = sink.write(batch);
            assertThat(results.get(size - 2).status()).isEqualTo(Status.REJECTED);
            assertThat(results).filteredOn(r -> r.status() == Status.WRITTEN).hasSize(size - 1);
        }
        assertThat(database.count("user_logins")).isEqualTo(size - 1);
        assertThat(ledgerEntries("refused")).isZero();
    }

    @Test
    void write_copyAfterARejectedFirstCopy_isEncodedOnItsOwnAndWritten() {
        List<Record> batch = logins("m", SIZE);
        batch.set(10, login("twice", "x".repeat(40), "1.0"));
        batch.set(20, login("twice"));
        batch.set(30, login("twice"));
        try (PostgresSink sink = UserLogins.sink(database).build()) {
            List<WriteResult> results = sink.write(batch);
            assertThat(results.get(10)).isEqualTo(WriteResult.rejected(TOO_LONG));
            assertThat(results.get(20)).isEqualTo(WriteResult.written());
            assertThat(results.get(30)).isEqualTo(WriteResult.duplicate());
        }
        assertThat(database.count("user_logins")).isEqualTo(SIZE - 2); // one row of "twice"
        assertThat(ledgerEntries("twice")).isEqualTo(1);
    }

    @Test
    void write_redeliveredMixedWithNewAndRejected_reportsEachAsTheClaimFindsIt() {
        try (PostgresSink sink = UserLogins.sink(database).build()) {
            sink.write(logins("old", SIZE));
            List<Record> batch = logins("old", SIZE / 2);
            batch.addAll(logins("new", SIZE / 2));
            batch.set(0, login("old0", "x".repeat(40), "1.0")); // a redelivery that no longer fits: rejected
            batch.set(SIZE / 2, login("new0", "x".repeat(40), "1.0"));
            List<WriteResult> results = sink.write(batch);
            assertThat(results.get(0)).isEqualTo(WriteResult.rejected(TOO_LONG));
            assertThat(results.get(SIZE / 2)).isEqualTo(WriteResult.rejected(TOO_LONG));
            assertThat(results.subList(1, SIZE / 2)).containsOnly(WriteResult.duplicate());
            assertThat(results.subList(SIZE / 2 + 1, SIZE)).containsOnly(WriteResult.written());
        }
        assertThat(database.count("user_logins")).isEqualTo(SIZE + SIZE / 2 - 1);
        assertThat(ledgerEntries("old0")).isEqualTo(1); // written by the first batch, kept
        assertThat(ledgerEntries("new0")).isZero();
    }

    @Test
    void write_everyRecordRejectedWhileTheClaimFails_reportsTheRejections() {
        List<Record> batch = IntStream.range(0, SIZE).mapToObj(i -> login("r" + i, "x".repeat(40), "1.0")).toList();
        try (PostgresSink sink = UserLogins.sink(database).build()) {
            sink.open();
            database.execute("DROP TABLE maskpipe_ledger"); // the claim now fails (42P01), after open
            assertThat(sink.write(batch)).containsOnly(WriteResult.rejected(TOO_LONG)).hasSize(SIZE);
        }
        assertThat(database.count("user_logins")).isZero();
    }
}
