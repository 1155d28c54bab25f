package io.maskpipe.postgres;

import static io.maskpipe.postgres.UserLogins.login;
import static io.maskpipe.postgres.UserLogins.logins;
import static org.assertj.core.api.Assertions.assertThat;

import io.maskpipe.core.record.FieldPath;
import io.maskpipe.core.record.ReasonCode;
import io.maskpipe.core.record.Record;
import io.maskpipe.core.record.Rejection;
import io.maskpipe.core.record.Value;
import io.maskpipe.core.spi.WriteResult;
import io.maskpipe.core.spi.WriteResult.Status;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Writes into the worked example's user_logins table: idempotency, rejections inside a batch, both insert paths. */
class PostgresSinkWriteTest {
    @RegisterExtension
    static final TestDatabase database = new TestDatabase();

    @BeforeEach
    void freshTable() {
        UserLogins.recreate(database);
    }

    private static List<Status> statuses(List<WriteResult> results) {
        return results.stream().map(WriteResult::status).toList();
    }

    @Test
    void write_userLogin_storesConvertedColumns() {
        try (PostgresSink sink = UserLogins.sink(database).build()) {
            assertThat(sink.write(List.of(login("m1", "en_US", "0.96")))).containsExactly(WriteResult.written());
        }
        assertThat(database.query("SELECT user_id, device_type, masked_ip, masked_device_id, locale, app_version,"
                + " create_date FROM user_logins")).containsExactly(List.of("user-m1", "android", "k1:ip-m1",
                        "k1:dev-m1", "en_US", "96000", "2026-01-01"));
    }

    @ParameterizedTest(name = "copyThreshold {0}")
    @ValueSource(ints = {1, 1000})
    void write_wholeBatchRedelivered_reportsDuplicatesAndWritesNothing(int copyThreshold) {
        try (PostgresSink sink = UserLogins.sink(database).copyThreshold(copyThreshold).build()) {
            List<Record> batch = logins("m", 50);
            assertThat(statuses(sink.write(batch))).containsOnly(Status.WRITTEN).hasSize(50);
            assertThat(statuses(sink.write(batch))).containsOnly(Status.DUPLICATE).hasSize(50);
        }
        assertThat(database.count("user_logins")).isEqualTo(50);
        assertThat(database.count("maskpipe_ledger")).isEqualTo(50);
    }

    @Test
    void write_partialBatchRedelivered_writesOnlyTheNewRecords() {
        try (PostgresSink sink = UserLogins.sink(database).build()) {
            sink.write(logins("a", 10));
            List<Record> mixed = new ArrayList<>(logins("a", 5));
            mixed.addAll(logins("b", 5));
            assertThat(statuses(sink.write(mixed))).containsExactly(Status.DUPLICATE, Status.DUPLICATE,
                    Status.DUPLICATE, Status.DUPLICATE, Status.DUPLICATE, Status.WRITTEN, Status.WRITTEN,
                    Status.WRITTEN, Status.WRITTEN, Status.WRITTEN);
        }
        assertThat(database.count("user_logins")).isEqualTo(15);
    }

    @Test
    void write_sameMessageTwiceInOneBatch_secondIsDuplicate() {
        try (PostgresSink sink = UserLogins.sink(database).build()) {
            assertThat(statuses(sink.write(List.of(login("x"), login("y"), login("x")))))
                    .containsExactly(Status.WRITTEN, Status.WRITTEN, Status.DUPLICATE);
        }
        assertThat(database.count("user_logins")).isEqualTo(2);
    }

    @ParameterizedTest(name = "copyThreshold {0}")
    @ValueSource(ints = {1, 1000})
    void write_valuesThatDoNotFit_rejectsThoseRecordsAndCommitsTheRest(int copyThreshold) {
        String longLocale = "x".repeat(40);
        try (PostgresSink sink = UserLogins.sink(database).copyThreshold(copyThreshold).build()) {
            List<WriteResult> results = sink.write(List.of(login("ok1"), login("long", longLocale, "1.0"),
                    login("ver", "en", "beta"), login("ok2")));
            assertThat(results).containsExactly(WriteResult.written(),
                    WriteResult.rejected(Rejection.of(ReasonCode.VALUE_TOO_LONG, FieldPath.of("locale"),
                            "column \"locale\" varchar(32): longer than 32 characters")),
                    WriteResult.rejected(Rejection.of(ReasonCode.INVALID_VALUE, FieldPath.of("app_version"),
                            "column \"app_version\" integer: not a version of 1 to 3 dot-separated numbers, "
                                    + "each 0 to 999")),
                    WriteResult.written());
            assertThat(results.toString()).doesNotContain(longLocale).doesNotContain("beta");
        }
        assertThat(database.query("SELECT user_id FROM user_logins ORDER BY 1"))
                .containsExactly(List.of("user-ok1"), List.of("user-ok2"));
    }

    @Test
    void write_appVersionAsFractionalOrExponentJsonNumber_isRejectedNamingFieldAndRule() {
        String rule = "column \"app_version\" integer: " + Columns.VERSION_NUMBER_RULE;
        try (PostgresSink sink = UserLogins.sink(database).build()) {
            List<WriteResult> results = sink.write(List.of(versionAsNumber("n1", "2.10"), versionAsNumber("n2", "1e1"),
                    versionAsNumber("n3", "2"), versionAsNumber("n4", "2.1")));
            assertThat(results).containsExactly(
                    WriteResult.rejected(Rejection.of(ReasonCode.INVALID_VALUE, FieldPath.of("app_version"), rule)),
                    WriteResult.rejected(Rejection.of(ReasonCode.INVALID_VALUE, FieldPath.of("app_version"), rule)),
                    WriteResult.written(),
                    WriteResult.rejected(Rejection.of(ReasonCode.INVALID_VALUE, FieldPath.of("app_version"), rule)));
        }
        assertThat(database.query("SELECT user_id, app_version FROM user_logins"))
                .containsExactly(List.of("user-n3", "2000000"));
    }

    private static Record versionAsNumber(String messageId, String json) {
        Record login = login(messageId);
        return login.with(FieldPath.of("app_version"), Value.of(new java.math.BigDecimal(json)));
    }

    @ParameterizedTest(name = "copyThreshold {0}")
    @ValueSource(ints = {1, 1000})
    void write_rowRefusedByCheckConstraint_isolatesThatRowAndFreesItsLedgerEntry(int copyThreshold) {
        database.execute("ALTER TABLE user_logins ADD CONSTRAINT locale_not_xx CHECK (locale <> 'xx')");
        List<Record> batch = new ArrayList<>(logins("c", 20));
        batch.set(7, login("bad7", "xx", "1"));
        batch.set(13, login("bad13", "xx", "1"));
        try (PostgresSink sink = UserLogins.sink(database).copyThreshold(copyThreshold).build()) {
            List<WriteResult> results = sink.write(batch);
            Rejection refused = Rejection.of(ReasonCode.SINK_REJECTED, "refused by \"" + database.schema()
                    + "\".\"user_logins\": SQLSTATE 23514 (check violation), constraint \"locale_not_xx\"");
            assertThat(results.get(7)).isEqualTo(WriteResult.rejected(refused));
            assertThat(results.get(13)).isEqualTo(WriteResult.rejected(refused));
            assertThat(statuses(results)).filteredOn(s -> s == Status.WRITTEN).hasSize(18);
        }
        assertThat(database.count("user_logins")).isEqualTo(18);
        assertThat(database.query("SELECT count(*) FROM maskpipe_ledger WHERE message_id IN ('"
                + UserLogins.ledgerId("bad7") + "', '" + UserLogins.ledgerId("bad13") + "')"))
                .containsExactly(List.of("0"));
    }

    @Test
    void write_recordWithoutMessageId_isRejected() {
        Record noId = login("n").withMetadata(io.maskpipe.core.record.Metadata.empty());
        try (PostgresSink sink = UserLogins.sink(database).build()) {
            assertThat(sink.write(List.of(noId))).containsExactly(WriteResult.rejected(Rejection.of(
                    ReasonCode.MISSING_FIELD,
                    "metadata 'message_id' is absent; the sink needs it to write idempotently")));
        }
        assertThat(database.count("user_logins")).isZero();
    }

    @Test
    void write_twoSinksSameTable_shareTheLedger() {
        try (PostgresSink first = UserLogins.sink(database).build();
             PostgresSink second = UserLogins.sink(database).build()) {
            first.write(logins("s", 3));
            assertThat(statuses(second.write(logins("s", 3)))).containsOnly(Status.DUPLICATE);
        }
        assertThat(database.count("user_logins")).isEqualTo(3);
    }
}
