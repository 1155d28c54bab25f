package io.maskpipe.postgres;

import static io.maskpipe.postgres.UserLogins.login;
import static io.maskpipe.postgres.UserLogins.logins;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskpipe.core.record.Record;
import io.maskpipe.core.spi.ConnectorException.Kind;
import io.maskpipe.core.spi.SinkException;
import io.maskpipe.core.spi.WriteResult;
import io.maskpipe.core.spi.WriteResult.Status;
import java.sql.Connection;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Each kind of failure as a real server raises it: the kind the engine acts on, a message naming the operation and
 * the SQLSTATE, and nothing stored. Roles are made per test (they are server-wide) and dropped after it.
 */
class PostgresSinkErrorKindsTest {
    private static final String PASSWORD = "role-password-1";

    @RegisterExtension
    static final TestDatabase database = new TestDatabase();

    private String role;

    @BeforeEach
    void freshTableAndRole() {
        UserLogins.recreate(database);
        database.execute("CREATE TABLE maskpipe_ledger (target regclass NOT NULL, message_id uuid NOT NULL, "
                + "written_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (target, message_id))");
        role = "r_" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xFFFFF)).toLowerCase(
                Locale.ROOT);
        // the test's own role joins the new one, so it may end its sessions and drop what it owns without being a
        // superuser (CI runs these tests as a database owner with CREATEROLE, docs/postgres.md)
        database.execute("CREATE ROLE " + role + " LOGIN PASSWORD '" + PASSWORD + "'; GRANT " + role
                + " TO CURRENT_USER; GRANT USAGE ON SCHEMA "
                + Sql.quote(database.schema()) + " TO " + role + "; GRANT SELECT, INSERT ON user_logins TO " + role
                + "; GRANT SELECT, INSERT, DELETE ON maskpipe_ledger TO " + role);
    }

    @AfterEach
    void dropRole() {
        database.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '" + role + "'");
        database.execute("DROP OWNED BY " + role + "; DROP ROLE " + role);
    }

    private PostgresSink.Builder sinkAsRole() {
        return UserLogins.sink(database, database.urlWithoutCredentials(), role, PASSWORD);
    }

    private String target() {
        return "\"" + database.schema() + "\".\"user_logins\"";
    }

    /** Returns how many backends the role has, once the count stopped falling (a closed socket ends one soon). */
    private long backendsOfRole() throws InterruptedException {
        long count = -1;
        for (int i = 0; i < 50 && count != 0; i++) {
            count = Long.parseLong(database.query("SELECT count(*) FROM pg_stat_activity WHERE usename = '" + role
                    + "'").get(0).get(0));
            Thread.sleep(count == 0 ? 0 : 40);
        }
        return count;
    }

    @Test
    void write_readOnlyDatabase_throwsTransientAndRetiresTheConnection() throws Exception {
        try (PostgresSink sink = sinkAsRole().build()) {
            sink.open();
            // Like a demoted primary: the pooled connection is read-only from now on, a new one would not be.
            database.execute("ALTER ROLE " + role + " SET default_transaction_read_only = on");
            database.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = '" + role
                    + "'");
            assertThatThrownBy(() -> sink.write(logins("a", 3))).isInstanceOfSatisfying(SinkException.class,
                    e -> assertThat(e.kind()).isEqualTo(Kind.TRANSIENT));
            assertThatThrownBy(() -> sink.write(logins("a", 3))).isInstanceOfSatisfying(SinkException.class,
                    e -> assertThat(e.kind()).isEqualTo(Kind.TRANSIENT)).hasMessage("write to " + target()
                            + " failed (ledger claim): SQLSTATE 25006 (read-only transaction)");
            assertThat(backendsOfRole()).as("the read-only connection is closed, not kept").isZero();

            database.execute("ALTER ROLE " + role + " RESET default_transaction_read_only");
            assertThat(sink.write(logins("a", 3))).containsOnly(WriteResult.written());
        }
        assertThat(database.count("user_logins")).isEqualTo(3);
    }

    @Test
    void write_lockTimeout_throwsTransientAndStoresNothing() throws Exception {
        database.execute("ALTER ROLE " + role + " SET lock_timeout = '200ms'");
        try (PostgresSink sink = sinkAsRole().build();
             Connection holder = database.dataSource().getConnection();
             Statement statement = holder.createStatement()) {
            sink.open();
            holder.setAutoCommit(false);
            statement.execute("LOCK TABLE user_logins IN ACCESS EXCLUSIVE MODE");
            assertThatThrownBy(() -> sink.write(logins("l", 12))).isInstanceOfSatisfying(SinkException.class,
                    e -> assertThat(e.kind()).isEqualTo(Kind.TRANSIENT)).hasMessage("write to " + target()
                            + " failed (insert): SQLSTATE 55P03 (lock not available)");
            holder.rollback();
            assertThat(sink.write(logins("l", 12))).containsOnly(WriteResult.written());
        }
        assertThat(database.count("maskpipe_ledger")).isEqualTo(12);
    }

    @Test
    void write_statementTimeout_throwsTransient() {
        database.execute("ALTER ROLE " + role + " SET statement_timeout = '100ms'");
        database.execute("""
                CREATE FUNCTION slow() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN PERFORM pg_sleep(1); RETURN NEW; END $$;
                CREATE TRIGGER slow BEFORE INSERT ON user_logins FOR EACH ROW EXECUTE FUNCTION slow();""");
        try (PostgresSink sink = sinkAsRole().build()) {
            assertThatThrownBy(() -> sink.write(logins("t", 2))).isInstanceOfSatisfying(SinkException.class,
                    e -> assertThat(e.kind()).isEqualTo(Kind.TRANSIENT)).hasMessage("write to " + target()
                            + " failed (insert): SQLSTATE 57014 (query canceled)");
        } finally {
            database.execute("DROP FUNCTION slow() CASCADE");
        }
        assertThat(database.count("user_logins")).isZero();
    }

    @Test
    void write_privilegeRevoked_throwsSetupNamingWhatToFix() {
        try (PostgresSink sink = sinkAsRole().build()) {
            sink.open();
            database.execute("REVOKE INSERT ON user_logins FROM " + role);
            assertThatThrownBy(() -> sink.write(logins("p", 2))).isInstanceOfSatisfying(SinkException.class,
                    e -> assertThat(e.kind()).isEqualTo(Kind.SETUP)).hasMessage("write to " + target()
                            + " failed (insert): SQLSTATE 42501 (insufficient privilege); grant the sink's user SELECT"
                            + " and INSERT on the table and SELECT, INSERT and DELETE on the ledger");
        }
        assertThat(database.count("maskpipe_ledger")).isZero();
    }

    @Test
    void write_tableDroppedAfterOpen_throwsSetup() {
        // the ledger claim names the target (a regclass), so it is the first statement to miss the table
        try (PostgresSink sink = UserLogins.sink(database).build()) {
            sink.open();
            database.execute("DROP TABLE user_logins");
            assertThatThrownBy(() -> sink.write(logins("d", 2))).isInstanceOfSatisfying(SinkException.class,
                    e -> assertThat(e.kind()).isEqualTo(Kind.SETUP)).hasMessageStartingWith("write to " + target()
                            + " failed (ledger claim): SQLSTATE 42P01 (undefined table); ");
        }
    }

    @Test
    void write_secondCopyInBatchWhenServerRefusesTheFirst_getsTheSameRejectionNotDuplicate() {
        database.execute("ALTER TABLE user_logins ADD CONSTRAINT locale_short CHECK (length(locale) < 6)");
        Record refused = login("m1", "en_US_POSIX", "1");
        try (PostgresSink sink = UserLogins.sink(database).build()) {
            List<WriteResult> results = sink.write(List.of(refused, login("m2"), refused));
            assertThat(results.get(0).status()).isEqualTo(Status.REJECTED);
            assertThat(results.get(1)).isEqualTo(WriteResult.written());
            assertThat(results.get(2)).isEqualTo(results.get(0));
        }
        assertThat(database.query("SELECT message_id FROM maskpipe_ledger"))
                .containsExactly(List.of(UserLogins.ledgerId("m2").toString()));
    }

    @Test
    void write_secondCopyInBatchWhenTheWholeBatchFails_reportsNothing() {
        try (PostgresSink sink = sinkAsRole().build()) {
            sink.open();
            database.execute("REVOKE INSERT ON user_logins FROM " + role);
            Record copy = login("c1");
            assertThatThrownBy(() -> sink.write(List.of(copy, copy))).isInstanceOf(SinkException.class);
            database.execute("GRANT INSERT ON user_logins TO " + role);
            assertThat(sink.write(List.of(copy, copy))).containsExactly(WriteResult.written(),
                    WriteResult.duplicate());
        }
        assertThat(database.count("user_logins")).isEqualTo(1);
    }
}
