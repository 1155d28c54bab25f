package io.maskpipe.postgres;

import static io.maskpipe.postgres.UserLogins.login;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import io.maskpipe.core.record.Record;
import io.maskpipe.core.spi.ConnectorException.Kind;
import io.maskpipe.core.spi.SinkException;
import io.maskpipe.core.spi.WriteResult;
import io.maskpipe.core.spi.WriteResult.Status;
import io.maskpipe.testpostgres.TestPostgres;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Lost connections, a restarted server, concurrent writers, and what error texts may say. */
class PostgresSinkFailureTest {
    private static final String SECRET = "SECRET-PII-0123456789-0123456789-0123456789";

    @RegisterExtension
    static final TestDatabase database = new TestDatabase();

    @BeforeEach
    void freshTable() {
        UserLogins.recreate(database);
    }

    private static List<Record> logins(String prefix, int from, int to) {
        return IntStream.range(from, to).mapToObj(i -> login(prefix + i)).toList();
    }

    @Test
    void write_connectionsKilledBetweenBatches_throwsTransientOnceThenLosesNothing() {
        try (PostgresSink sink = UserLogins.sink(database).build()) {
            sink.write(logins("k", 0, 10));
            database.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    + "WHERE application_name = 'maskpipe' AND pid <> pg_backend_pid()");
            // The sink does not retry by itself: the engine does. The broken connection is dropped, not reused.
            assertThatThrownBy(() -> sink.write(logins("k", 5, 15))).isInstanceOfSatisfying(SinkException.class,
                    e -> assertThat(e.kind()).isEqualTo(Kind.TRANSIENT));
            List<WriteResult> results = sink.write(logins("k", 5, 15));
            assertThat(results.subList(0, 5)).containsOnly(WriteResult.duplicate());
            assertThat(results.subList(5, 10)).containsOnly(WriteResult.written());
        }
        assertThat(database.count("user_logins")).isEqualTo(15);
    }

    @Test
    void write_serverRestartedMidRun_losesAndDoublesNothing(@TempDir Path dataDirectory) throws Exception {
        assumeFalse(TestPostgres.isExternal(), "restarts only the embedded server");
        int port = freePort();
        EmbeddedPostgres server = TestPostgres.startEmbedded(dataDirectory, port,
                TestDatabase.MAX_CONNECTIONS);
        String url = server.getJdbcUrl("postgres", "postgres");
        ExecutorService restarter = Executors.newSingleThreadExecutor();
        try (PostgresSink sink = PostgresSink.into("user_logins").url(url)
                .column("user_id", "user_id").column("create_date", Columns.sentDate()).build()) {
            server.getPostgresDatabase().getConnection().createStatement().execute(UserLogins.DDL);
            assertThat(sink.write(logins("r", 0, 20))).containsOnly(WriteResult.written());

            server.close();
            Future<EmbeddedPostgres> restarted = restarter.submit(() -> TestPostgres.startEmbedded(dataDirectory,
                    port, TestDatabase.MAX_CONNECTIONS));
            // Written while the server is down or starting: retried until it is back.
            List<WriteResult> results = writeRetryingTransient(sink, logins("r", 10, 30));
            server = restarted.get();

            assertThat(results.subList(0, 10)).containsOnly(WriteResult.duplicate());
            assertThat(results.subList(10, 20)).containsOnly(WriteResult.written());
            try (var connection = server.getPostgresDatabase().getConnection();
                 var resultSet = connection.createStatement().executeQuery(
                         "SELECT count(*), count(DISTINCT user_id) FROM user_logins")) {
                resultSet.next();
                assertThat(resultSet.getInt(1)).isEqualTo(30);
                assertThat(resultSet.getInt(2)).isEqualTo(30);
            }
        } finally {
            restarter.shutdownNow();
            TestPostgres.closeQuietly(server);
        }
    }

    @Test
    void open_serverUnreachable_throwsTransient() throws IOException {
        try (PostgresSink sink = PostgresSink.into("user_logins").url("jdbc:postgresql://127.0.0.1:" + freePort()
                + "/none?connectTimeout=1").column("user_id", "user_id").build()) {
            assertThatThrownBy(sink::open).isInstanceOfSatisfying(SinkException.class,
                    e -> assertThat(e.isTransient()).isTrue())
                    .hasMessage("open \"user_logins\": SQLSTATE 08001 (cannot connect)");
        }
    }

    @Test
    void write_concurrentWritersWithOverlappingBatches_writeEachMessageOnce() throws Exception {
        List<Record> all = new ArrayList<>(logins("c", 0, 200));
        ExecutorService writers = Executors.newFixedThreadPool(4);
        List<Future<List<WriteResult>>> futures = new ArrayList<>();
        try (PostgresSink first = UserLogins.sink(database).build();
             PostgresSink second = UserLogins.sink(database).build()) {
            for (int w = 0; w < 4; w++) {
                List<Record> mine = new ArrayList<>(all);
                Collections.shuffle(mine, new java.util.Random(w));
                PostgresSink sink = w % 2 == 0 ? first : second;
                futures.add(writers.submit(() -> {
                    List<WriteResult> results = new ArrayList<>();
                    for (int i = 0; i < mine.size(); i += 25) {
                        results.addAll(sink.write(mine.subList(i, i + 25)));
                    }
                    return results;
                }));
            }
            long written = 0;
            for (Future<List<WriteResult>> future : futures) {
                written += future.get().stream().filter(r -> r.status() == Status.WRITTEN).count();
            }
            assertThat(written).isEqualTo(200);
        } finally {
            writers.shutdownNow();
        }
        assertThat(database.query("SELECT count(*), count(DISTINCT user_id) FROM user_logins"))
                .containsExactly(List.of("200", "200"));
    }

    @Test
    void open_anotherSessionCreatesTheLedgerAtTheSameMoment_opens() throws Exception {
        ExecutorService opener = Executors.newSingleThreadExecutor();
        try (PostgresSink sink = UserLogins.sink(database).build();
             java.sql.Connection other = database.dataSource().getConnection();
             java.sql.Statement statement = other.createStatement()) {
            other.setAutoCommit(false);
            statement.execute("CREATE TABLE maskpipe_ledger (target regclass NOT NULL, message_id uuid NOT NULL, "
                    + "written_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (target, message_id))");
            // The sink does not see the uncommitted table, so its CREATE TABLE IF NOT EXISTS waits for the other
            // session and then fails (IF NOT EXISTS does not cover the race): the sink must take that as created.
            Future<?> opened = opener.submit(sink::open);
            database.awaitSinkBlockedBy(TestDatabase.backendPid(other), opened);
            other.commit();
            opened.get();
            assertThat(sink.write(logins("o", 0, 2))).containsOnly(WriteResult.written());
        } finally {
            opener.shutdownNow();
        }
    }

    @Test
    void write_serverErrorQuotingTheValue_keepsItOutOfEveryText() {
        database.execute("""
                CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION USING ERRCODE = 'XX000', MESSAGE = 'refused ' || NEW.locale,
                    DETAIL = 'row ' || NEW.masked_ip; END $$;
                CREATE TRIGGER refuse BEFORE INSERT ON user_logins FOR EACH ROW EXECUTE FUNCTION refuse();""");
        try (PostgresSink sink = UserLogins.sink(database).build()) {
            Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(
                    () -> sink.write(List.of(login("leak", SECRET.substring(0, 30), "1"))));
            assertThat(thrown).isInstanceOf(SinkException.class)
                    .hasMessage("write to \"" + database.schema() + "\".\"user_logins\" failed (insert): "
                            + "SQLSTATE XX000 (internal error)");
            for (Throwable t = thrown; t != null; t = t.getCause()) {
                assertThat(t.toString()).doesNotContain(SECRET.substring(0, 30)).doesNotContain("k1:ip-leak");
            }
        } finally {
            database.execute("DROP FUNCTION refuse() CASCADE");
        }
    }

    @Test
    void write_rejectedValues_neverAppearInRejections() {
        database.execute("ALTER TABLE user_logins ADD CONSTRAINT no_secret CHECK (masked_ip NOT LIKE 'SECRET%')");
        Record secretIp = login("s1").with("ip", SECRET);
        Record secretLocale = login("s2", SECRET, "1");
        Record secretVersion = login("s3", "en", SECRET);
        try (PostgresSink sink = UserLogins.sink(database).build()) {
            List<WriteResult> results = sink.write(List.of(secretIp, secretLocale, secretVersion));
            assertThat(results).extracting(WriteResult::status).containsOnly(Status.REJECTED);
            assertThat(results.toString()).doesNotContain(SECRET).doesNotContain("SECRET");
        }
    }

    /** Does what the engine does with a transient failure: tries the same batch again, for up to 60 s. */
    static List<WriteResult> writeRetryingTransient(PostgresSink sink, List<Record> batch)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            try {
                return sink.write(batch);
            } catch (SinkException e) {
                if (e.kind() != Kind.TRANSIENT || System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(100);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
