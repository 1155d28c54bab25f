package io.maskpipe.postgres;

import static io.maskpipe.postgres.UserLogins.login;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskpipe.core.spi.ConnectorException.Kind;
import io.maskpipe.core.spi.SinkException;
import io.maskpipe.core.spi.WriteResult;
import io.maskpipe.core.record.Record;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A ledger of the earlier layout (text target and message id): the sink refuses it; renamed as docs/postgres.md
 * shows, the sink creates the new ledger and still finds the messages the old one holds, until it is dropped. The SQL
 * runs as the page shows it.
 */
class LedgerUpgradeTest {
    private static final String SQS_ID = "5fd1e2a0-3c4b-4d5e-8f90-a1b2c3d4e5f6";

    @RegisterExtension
    static final TestDatabase database = new TestDatabase();

    @BeforeEach
    void oldLedgerWithEntries() {
        UserLogins.recreate(database);
        database.execute("CREATE TABLE maskpipe_ledger (target text NOT NULL, message_id text NOT NULL, "
                + "written_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (target, message_id))");
        // as the earlier sink wrote them: target schema.table unquoted; one entry of a table dropped since
        String target = database.schema() + ".user_logins";
        database.execute("INSERT INTO maskpipe_ledger (target, message_id) VALUES ('" + target + "', '" + SQS_ID
                + "'), ('" + target + "', 'm-1'), ('" + target + "', 'm-2'), ('" + database.schema()
                + ".gone', 'm-3')");
    }

    @Test
    void open_ledgerOfTheEarlierLayout_failsAsSetupNamingTheMigration() {
        try (PostgresSink sink = UserLogins.sink(database).build()) {
            assertThatThrownBy(sink::open).isInstanceOfSatisfying(SinkException.class,
                    e -> assertThat(e.kind()).isEqualTo(Kind.SETUP))
                    .hasMessage("ledger \"" + database.schema() + "\".\"maskpipe_ledger\" has the earlier layout "
                            + "(text target and message_id); rename it to \"maskpipe_ledger_text\" as docs/postgres.md "
                            + "shows (\"Upgrading the ledger\"), or name a new ledger with ledgerTable(...)");
        }
        assertThat(database.count("user_logins")).isZero();
    }

    @Test
    void documentedUpgrade_messagesTheOldLedgerHolds_areDuplicatesUntilItIsDropped() {
        database.execute(SqlBlocks.sqlBlock("docs/postgres.md", "RENAME TO maskpipe_ledger_text"));

        try (PostgresSink sink = UserLogins.sink(database).build()) {
            assertThat(sink.write(List.of(login(SQS_ID), login("m-1"), login("m-2"), login("m-3"), login("m-4"))))
                    .containsExactly(WriteResult.duplicate(), WriteResult.duplicate(), WriteResult.duplicate(),
                            WriteResult.written(), WriteResult.written()); // m-3's entry was another table's
        }
        assertThat(database.query("SELECT user_id FROM user_logins ORDER BY user_id"))
                .containsExactly(List.of("user-m-3"), List.of("user-m-4"));
        assertThat(database.count("maskpipe_ledger")).isEqualTo(5); // the old ones too: the new ledger knows them

        database.execute("DROP TABLE maskpipe_ledger_text");
        try (PostgresSink sink = UserLogins.sink(database).build()) {
            assertThat(sink.write(List.of(login("m-1"), login("m-5"))))
                    .containsExactly(WriteResult.duplicate(), WriteResult.written());
        }
        assertThat(database.count("user_logins")).isEqualTo(3);
    }

    @Test
    void upgradedLedger_largeBatchWithOldAndNewMessages_writesOnlyTheNewOnes() {
        database.execute(SqlBlocks.sqlBlock("docs/postgres.md", "RENAME TO maskpipe_ledger_text"));
        List<Record> batch = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            batch.add(login(i % 3 == 0 ? "m-1" : "n-" + i));
        }
        try (PostgresSink sink = UserLogins.sink(database).build()) {
            List<WriteResult> results = sink.write(batch);
            assertThat(results.stream().filter(r -> r.equals(WriteResult.written())).count()).isEqualTo(200);
            assertThat(results.stream().filter(r -> r.equals(WriteResult.duplicate())).count()).isEqualTo(100);
        }
        assertThat(database.count("user_logins")).isEqualTo(200);
    }

    @Test
    void documentedLookup_findsAMessageByItsId() {
        database.execute("DROP TABLE maskpipe_ledger");
        database.execute(SqlBlocks.sqlBlock("docs/postgres.md", "FUNCTION maskpipe_ledger_id"));
        try (PostgresSink sink = UserLogins.sink(database).build()) {
            sink.write(List.of(login("m-1"), login(SQS_ID)));
        }
        SqlBlocks.Jdbc lookup = SqlBlocks.Jdbc.fromPsql(SqlBlocks.sqlBlock("docs/postgres.md",
                "message_id = maskpipe_ledger_id(:'id', :'sent')").strip().replaceAll(";$", ""));
        assertThat(lookup.parameters()).containsExactly("id", "sent");
        for (String id : List.of("m-1", SQS_ID)) {
            assertThat(database.query(lookup.sql().replace("SELECT target, message_id, written_at",
                    "SELECT target::text, message_id::text"), id, UserLogins.SENT_MILLIS))
                    .containsExactly(List.of("user_logins", LedgerId.of(id, UserLogins.SENT_MILLIS).toString()));
        }
        assertThat(database.query(lookup.sql(), "m-9", UserLogins.SENT_MILLIS)).isEmpty();
        assertThat(database.query(lookup.sql(), "m-1", "1")).isEmpty(); // another sent time: another message
    }
}
