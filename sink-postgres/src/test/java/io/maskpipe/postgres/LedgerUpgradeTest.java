package io.maskpipe.postgres;

import static io.maskpipe.postgres.UserLogins.login;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskpipe.core.spi.ConnectorException.Kind;
import io.maskpipe.core.spi.SinkException;
import io.maskpipe.core.spi.WriteResult;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A ledger of the earlier layout (text target and message id): the sink refuses it, the migration docs/postgres.md
 * gives turns it into the new one, and the sink then treats the migrated messages as written. The SQL runs as the
 * page shows it.
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
                            + "(text target and message_id); migrate it as docs/postgres.md shows (\"Upgrading the "
                            + "ledger\"), or name a new ledger with ledgerTable(...)");
        }
        assertThat(database.count("user_logins")).isZero();
    }

    @Test
    void documentedMigration_oldEntries_areDuplicatesAfterwards() {
        database.execute(SqlBlocks.sqlBlock("docs/postgres.md", "FUNCTION maskpipe_ledger_id"));
        database.execute(SqlBlocks.sqlBlock("docs/postgres.md", "RENAME TO maskpipe_ledger_text"));

        assertThat(database.count("maskpipe_ledger")).isEqualTo(3); // the dropped table's entry is not carried over
        try (PostgresSink sink = UserLogins.sink(database).build()) {
            assertThat(sink.write(List.of(login(SQS_ID), login("m-1"), login("m-2"), login("m-4"))))
                    .containsExactly(WriteResult.duplicate(), WriteResult.duplicate(), WriteResult.duplicate(),
                            WriteResult.written());
        }
        assertThat(database.query("SELECT user_id FROM user_logins")).containsExactly(List.of("user-m-4"));
    }

    @Test
    void documentedLookup_findsAMessageByItsId() {
        database.execute("DROP TABLE maskpipe_ledger");
        database.execute(SqlBlocks.sqlBlock("docs/postgres.md", "FUNCTION maskpipe_ledger_id"));
        try (PostgresSink sink = UserLogins.sink(database).build()) {
            sink.write(List.of(login("m-1"), login(SQS_ID)));
        }
        SqlBlocks.Jdbc lookup = SqlBlocks.Jdbc.fromPsql(SqlBlocks.sqlBlock("docs/postgres.md",
                "message_id = maskpipe_ledger_id(:'id')").strip().replaceAll(";$", ""));
        assertThat(lookup.parameters()).containsExactly("id");
        for (String id : List.of("m-1", SQS_ID)) {
            assertThat(database.query(lookup.sql().replace("SELECT target, message_id, written_at",
                    "SELECT target::text, message_id::text"), id))
                    .containsExactly(List.of("user_logins", LedgerId.of(id).toString()));
        }
        assertThat(database.query(lookup.sql(), "m-9")).isEmpty();
    }
}
