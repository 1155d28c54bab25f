package io.maskpipe.benchmarks;

import io.maskpipe.core.MaskContext;
import io.maskpipe.core.Masker;
import io.maskpipe.core.record.Metadata;
import io.maskpipe.core.record.Record;
import io.maskpipe.core.spi.WriteResult;
import io.maskpipe.postgres.Columns;
import io.maskpipe.postgres.PostgresSink;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.postgresql.PGConnection;

/**
 * The database-side phases of the end-to-end harness, on the rows the pipeline writes (the same generated events,
 * masked before timing starts): {@link PostgresSink} alone (idempotent, ledger and rows in one transaction per
 * batch) and plain {@code COPY} of the same rows, one commit per batch, as a hand-written loader would do it.
 */
final class CopyPhases {
    static final String DDL = """
            CREATE TABLE IF NOT EXISTS %s(
                user_id             varchar(128),
                device_type         varchar(32),
                masked_ip           varchar(256),
                masked_device_id    varchar(256),
                locale              varchar(32),
                app_version         integer,
                create_date         date
            )""";

    private CopyPhases() {
    }

    /** A message id as SQS gives one: a random (version 4) UUID in lowercase text. */
    static String sqsMessageId(java.util.Random random) {
        return new UUID(random.nextLong() & ~0xF000L | 0x4000L, random.nextLong() & ~(3L << 62) | 1L << 63)
                .toString();
    }

    /**
     * The records the pipeline would hand its sink: fields of each body, ip and device id masked, SQS metadata (a
     * random version-4 message id from a fixed seed, and sent times rising by a millisecond every ten messages).
     */
    static List<Record> records(List<String> bodies, Masker masker) {
        List<Record> records = new ArrayList<>(bodies.size());
        long firstSent = System.currentTimeMillis();
        java.util.Random ids = new java.util.Random(bodies.size());
        for (int i = 0; i < bodies.size(); i++) {
            Map<String, String> fields = SqsLoops.fields(bodies.get(i));
            Record.Builder record = Record.builder();
            for (String name : new String[] {"user_id", "device_type", "locale", "app_version"}) {
                if (fields.get(name) != null) {
                    record.put(name, fields.get(name));
                }
            }
            record.put("ip", masker.mask(fields.get("ip"), MaskContext.forField("ip")));
            record.put("device_id", masker.mask(fields.get("device_id"), MaskContext.forField("device_id")));
            String messageId = sqsMessageId(ids);
            records.add(record.metadata(Metadata.of(Map.of(Metadata.MESSAGE_ID, messageId,
                    Metadata.SENT_TIMESTAMP, Long.toString(firstSent + i / 10)))).build());
        }
        return records;
    }

    /** The sink the pipeline uses, as the examples build it, into {@code schema.user_logins}. */
    static PostgresSink sink(String url, String schema) {
        return userLogins(url).schema(schema).build();
    }

    /** The examples' column mapping into {@code user_logins}, for the caller to finish. */
    static PostgresSink.Builder userLogins(String url) {
        return PostgresSink.into("user_logins").url(url)
                .column("user_id", "user_id")
                .column("device_type", "device_type")
                .column("masked_ip", "ip")
                .column("masked_device_id", "device_id")
                .column("locale", "locale")
                .column("app_version", Columns.versionNumber("app_version"))
                .column("create_date", Columns.sentDate());
    }

    /** {@link PostgresSink#write} of the records in batches, one sink and so one connection at a time. */
    static PhaseResult sinkAlone(String url, String schema, List<Record> records, int batch) throws Exception {
        try (PostgresSink sink = sink(url, schema)) {
            sink.open();
            SteadyMeter meter = SteadyMeter.between(records.size() / 5, records.size() * 4L / 5);
            long start = System.nanoTime();
            for (int i = 0; i < records.size(); i += batch) {
                List<WriteResult> results = sink.write(records.subList(i, Math.min(i + batch, records.size())));
                for (WriteResult result : results) {
                    if (result.status() != WriteResult.Status.WRITTEN) {
                        throw new IllegalStateException("sink phase: a row was not written: " + result.status());
                    }
                }
                meter.add(results.size());
            }
            long nanos = System.nanoTime() - start;
            return new PhaseResult("PostgresSink alone, batch " + batch, meter.count(), nanos, meter.window());
        }
    }

    /** Plain {@code COPY ... FROM STDIN} of the same rows as text, a commit per batch, no checks, no ledger. */
    static PhaseResult plainCopy(String url, String table, List<Record> records, int batch) throws Exception {
        try (Connection connection = DriverManager.getConnection(url)) {
            connection.setAutoCommit(false);
            var copy = connection.unwrap(PGConnection.class).getCopyAPI();
            String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
            SteadyMeter meter = SteadyMeter.between(records.size() / 5, records.size() * 4L / 5);
            long start = System.nanoTime();
            for (int i = 0; i < records.size(); i += batch) {
                List<Record> chunk = records.subList(i, Math.min(i + batch, records.size()));
                StringBuilder data = new StringBuilder(chunk.size() * 160);
                for (Record record : chunk) {
                    String locale = record.textOrNull("locale");
                    data.append(record.textOrNull("user_id")).append('\t')
                            .append(record.textOrNull("device_type")).append('\t')
                            .append(record.textOrNull("ip")).append('\t')
                            .append(record.textOrNull("device_id")).append('\t')
                            .append(locale == null ? "\\N" : locale).append('\t')
                            .append(versionNumber(record.textOrNull("app_version"))).append('\t')
                            .append(today).append('\n');
                }
                copy.copyIn("COPY " + table + " FROM STDIN",
                        new ByteArrayInputStream(data.toString().getBytes(StandardCharsets.UTF_8)));
                connection.commit();
                meter.add(chunk.size());
            }
            long nanos = System.nanoTime() - start;
            return new PhaseResult("plain COPY, batch " + batch, meter.count(), nanos, meter.window());
        }
    }

    /** {@code "2.3.0"} to 2003000 and {@code "0.96"} to 96000, as {@link Columns#versionNumber} stores them. */
    static int versionNumber(String version) {
        String[] parts = version.split("\\.");
        int result = 0;
        for (int i = 0; i < 3; i++) {
            result = result * 1000 + (i < parts.length ? Integer.parseInt(parts[i]) : 0);
        }
        return result;
    }
}
