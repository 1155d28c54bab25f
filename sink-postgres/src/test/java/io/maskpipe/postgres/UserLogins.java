package io.maskpipe.postgres;

import io.maskpipe.core.record.Metadata;
import io.maskpipe.core.record.Record;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The worked example's table, exactly as users receive it, and login records to write into it. */
final class UserLogins {
    static final String DDL = """
            CREATE TABLE IF NOT EXISTS user_logins(
                user_id             varchar(128),
                device_type         varchar(32),
                masked_ip           varchar(256),
                masked_device_id    varchar(256),
                locale              varchar(32),
                app_version         integer,
                create_date         date
            );""";
    /** 2026-01-01T00:00:00Z. */
    static final String SENT_MILLIS = "1767225600000";

    private UserLogins() {
    }

    /** Drops the table and the sink's ledger if there, and creates the table afresh. */
    static void recreate(TestDatabase database) {
        database.execute("DROP TABLE IF EXISTS user_logins; DROP TABLE IF EXISTS maskpipe_ledger; " + DDL);
    }

    static PostgresSink.Builder sink(TestDatabase database) {
        return columns(PostgresSink.into("user_logins").url(database.url()));
    }

    /** The sink of the worked example connecting as another user, to the test class's schema. */
    static PostgresSink.Builder sink(TestDatabase database, String url, String user, String password) {
        return columns(PostgresSink.into("user_logins").schema(database.schema()).url(url, user, password));
    }

    private static PostgresSink.Builder columns(PostgresSink.Builder builder) {
        return builder
                .column("user_id", "user_id")
                .column("device_type", "device_type")
                .column("masked_ip", "ip")
                .column("masked_device_id", "device_id")
                .column("locale", "locale")
                .column("app_version", Columns.versionNumber("app_version"))
                .column("create_date", Columns.sentDate());
    }

    /** The ledger's key for a message from {@link #login}: its id and {@link #SENT_MILLIS}. */
    static UUID ledgerId(String messageId) {
        return LedgerId.of(messageId, SENT_MILLIS);
    }

    /** Logins {@code prefix0}, {@code prefix1}, ..., as {@link #login}; a list the caller may change. */
    static List<Record> logins(String prefix, int count) {
        List<Record> logins = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            logins.add(login(prefix + i));
        }
        return logins;
    }

    static Record login(String messageId) {
        return login(messageId, "en_US", "2.3.0");
    }

    static Record login(String messageId, String locale, String appVersion) {
        return Record.builder()
                .put("user_id", "user-" + messageId)
                .put("device_type", "android")
                .put("ip", "k1:ip-" + messageId)
                .put("device_id", "k1:dev-" + messageId)
                .put("locale", locale)
                .put("app_version", appVersion)
                .metadata(Metadata.of(Map.of(Metadata.MESSAGE_ID, messageId, Metadata.SENT_TIMESTAMP, SENT_MILLIS)))
                .build();
    }
}
