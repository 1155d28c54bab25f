package io.maskpipe.benchmarks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.maskpipe.core.MaskContext;
import io.maskpipe.core.Masker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * The queue-side phases of the end-to-end harness: preloading, the SDK and raw ceilings (threads that only
 * receive ten and delete them in one batch) and the naive loop (receive 1, insert and commit, delete 1).
 */
final class SqsLoops {
    private static final JsonFactory JSON = new JsonFactory();
    private static final long MAX_PHASE_NANOS = 600_000_000_000L;

    private SqsLoops() {
    }

    /** One receive-and-delete step of a ceiling loop; returns how many messages it handled. */
    interface Step {
        int run();
    }

    /** Sends the bodies to the queue with {@code SendMessageBatch} of ten, from eight threads. */
    static void fill(SqsClient sqs, String queueUrl, List<String> bodies) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int from = 0; from < bodies.size(); from += 10) {
                List<String> chunk = bodies.subList(from, Math.min(bodies.size(), from + 10));
                futures.add(pool.submit(() -> {
                    List<SendMessageBatchRequestEntry> entries = new ArrayList<>(chunk.size());
                    for (int i = 0; i < chunk.size(); i++) {
                        entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i))
                                .messageBody(chunk.get(i)).build());
                    }
                    if (!sqs.sendMessageBatch(r -> r.queueUrl(queueUrl).entries(entries)).failed().isEmpty()) {
                        throw new IllegalStateException("SendMessageBatch: some entries refused");
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    /**
     * The SDK ceiling: {@code threads} threads doing receive(10) + DeleteMessageBatch on the same client; with
     * {@code attributes}, each receive asks for what {@code SqsSource} asks for (three system attributes and all
     * message attributes), which costs the queue and the SDK more per message.
     */
    static PhaseResult sdkCeiling(String name, SqsClient sqs, String queueUrl, int threads, long expected,
                                  boolean attributes) throws Exception {
        ReceiveMessageRequest.Builder builder = ReceiveMessageRequest.builder().queueUrl(queueUrl)
                .maxNumberOfMessages(10).waitTimeSeconds(1);
        if (attributes) {
            builder.messageSystemAttributeNames(MessageSystemAttributeName.SENT_TIMESTAMP,
                    MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, MessageSystemAttributeName.MESSAGE_GROUP_ID)
                    .messageAttributeNames("All");
        }
        ReceiveMessageRequest receive = builder.build();
        return ceiling(name, threads, expected, () -> {
            List<Message> batch = sqs.receiveMessage(receive).messages();
            if (batch.isEmpty()) {
                return 0;
            }
            List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>(batch.size());
            for (int i = 0; i < batch.size(); i++) {
                entries.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(i))
                        .receiptHandle(batch.get(i).receiptHandle()).build());
            }
            DeleteMessageBatchResponse response = sqs.deleteMessageBatch(r -> r.queueUrl(queueUrl).entries(entries));
            if (!response.failed().isEmpty()) {
                throw new IllegalStateException("DeleteMessageBatch: some entries failed");
            }
            return batch.size();
        });
    }

    /**
     * The hand-written loader: the least any program doing the user-logins job must do, with none of maskpipe's
     * promises (no ledger, no dead letters, no rejection of bad input, no retries). Each of {@code threads} threads
     * receives ten at a time on the same client until it holds {@code batch} messages, parses each body with
     * Jackson's streaming parser, masks {@code ip} and {@code device_id} with the same masker, {@code COPY}s the rows
     * on its own connection and commits, then deletes them with {@code DeleteMessageBatch} of ten. Beside the
     * pipeline it tells what the job costs from what maskpipe adds to it.
     */
    static PhaseResult handWritten(String name, SqsClient sqs, String queueUrl, String jdbcUrl, String table,
                                   Masker masker, int threads, int batch, long expected) throws Exception {
        ReceiveMessageRequest receive = ReceiveMessageRequest.builder().queueUrl(queueUrl).maxNumberOfMessages(10)
                .waitTimeSeconds(1).build();
        String today = java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString();
        List<Connection> connections = java.util.Collections.synchronizedList(new ArrayList<>());
        ThreadLocal<Connection> connection = ThreadLocal.withInitial(() -> {
            try {
                Connection c = DriverManager.getConnection(jdbcUrl);
                c.setAutoCommit(false);
                connections.add(c);
                return c;
            } catch (SQLException e) {
                throw new IllegalStateException("hand-written loader: SQLSTATE " + e.getSQLState(), e);
            }
        });
        try {
            return ceiling(name, threads, expected, () -> {
                List<Message> held = new ArrayList<>(batch);
                while (held.size() < batch) {
                    List<Message> received = sqs.receiveMessage(receive).messages();
                    if (received.isEmpty()) {
                        break;
                    }
                    held.addAll(received);
                }
                if (held.isEmpty()) {
                    return 0;
                }
                copy(connection.get(), table, held, masker, today);
                for (int from = 0; from < held.size(); from += 10) {
                    List<Message> chunk = held.subList(from, Math.min(held.size(), from + 10));
                    List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>(chunk.size());
                    for (int i = 0; i < chunk.size(); i++) {
                        entries.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(i))
                                .receiptHandle(chunk.get(i).receiptHandle()).build());
                    }
                    if (!sqs.deleteMessageBatch(r -> r.queueUrl(queueUrl).entries(entries)).failed().isEmpty()) {
                        throw new IllegalStateException("DeleteMessageBatch: some entries failed");
                    }
                }
                return held.size();
            });
        } finally {
            for (Connection c : connections) {
                c.close();
            }
        }
    }

    private static void copy(Connection connection, String table, List<Message> messages, Masker masker,
                             String today) {
        StringBuilder data = new StringBuilder(messages.size() * 160);
        for (Message message : messages) {
            Map<String, String> fields = fields(message.body());
            String locale = fields.get("locale");
            data.append(fields.get("user_id")).append('\t')
                    .append(fields.get("device_type")).append('\t')
                    .append(masker.mask(fields.get("ip"), MaskContext.forField("ip"))).append('\t')
                    .append(masker.mask(fields.get("device_id"), MaskContext.forField("device_id"))).append('\t')
                    .append(locale == null ? "\\N" : locale).append('\t')
                    .append(CopyPhases.versionNumber(fields.get("app_version"))).append('\t')
                    .append(today).append('\n');
        }
        try {
            connection.unwrap(org.postgresql.PGConnection.class).getCopyAPI().copyIn("COPY " + table
                    + " FROM STDIN", new java.io.ByteArrayInputStream(data.toString()
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            connection.commit();
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("hand-written loader: COPY failed", e);
        }
    }

    /** The raw ceiling: the same loop over the JDK's HTTP client and SQS's JSON protocol, no SDK. */
    static PhaseResult rawCeiling(String name, RawSqsClient raw, String queueUrl, int threads, long expected)
            throws Exception {
        return ceiling(name, threads, expected, () -> {
            List<String> handles = raw.receive(queueUrl, 10, 1);
            if (!handles.isEmpty()) {
                raw.deleteBatch(queueUrl, handles);
            }
            return handles.size();
        });
    }

    static PhaseResult ceiling(String name, int threads, long expected, Step step) throws Exception {
        SteadyMeter meter = SteadyMeter.between(expected / 5, expected * 4 / 5);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    while (meter.count() < expected && System.nanoTime() - start < MAX_PHASE_NANOS) {
                        meter.add(step.run());
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }
        long nanos = System.nanoTime() - start;
        return new PhaseResult(name, meter.count(), nanos, meter.window());
    }

    /**
     * The naive loop, one thread: receive 1, parse and mask, insert the row and commit, delete 1. Stops after
     * {@code maxMessages} or {@code maxSeconds}, whichever comes first.
     */
    static PhaseResult naive(SqsClient sqs, String queueUrl, String jdbcUrl, String table, Masker masker,
                             int maxMessages, int maxSeconds) throws Exception {
        SteadyMeter meter = SteadyMeter.between(maxMessages / 10, maxMessages);
        long deadline = System.nanoTime() + maxSeconds * 1_000_000_000L;
        long start = System.nanoTime();
        try (Connection connection = DriverManager.getConnection(jdbcUrl);
             PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table
                     + "(user_id, device_type, masked_ip, masked_device_id, locale, app_version, create_date)"
                     + " VALUES (?, ?, ?, ?, ?, ?, CURRENT_DATE)")) {
            connection.setAutoCommit(true);
            while (meter.count() < maxMessages && System.nanoTime() < deadline) {
                List<Message> one = sqs.receiveMessage(r -> r.queueUrl(queueUrl).maxNumberOfMessages(1)
                        .waitTimeSeconds(1)).messages();
                if (one.isEmpty()) {
                    break;
                }
                Map<String, String> fields = fields(one.get(0).body());
                insert.setString(1, fields.get("user_id"));
                insert.setString(2, fields.get("device_type"));
                insert.setString(3, masker.mask(fields.get("ip"), MaskContext.forField("ip")));
                insert.setString(4, masker.mask(fields.get("device_id"), MaskContext.forField("device_id")));
                insert.setString(5, fields.get("locale"));
                insert.setInt(6, CopyPhases.versionNumber(fields.get("app_version")));
                insert.executeUpdate();
                String receipt = one.get(0).receiptHandle();
                sqs.deleteMessage(r -> r.queueUrl(queueUrl).receiptHandle(receipt));
                meter.add(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("naive loop: SQLSTATE " + e.getSQLState(), e);
        }
        long nanos = System.nanoTime() - start;
        return new PhaseResult("naive (receive 1, insert+commit, delete 1)", meter.count(), nanos, meter.window());
    }

    /** The body's top-level text fields (a login event is flat). */
    static Map<String, String> fields(String body) {
        Map<String, String> fields = new HashMap<>();
        try (JsonParser parser = JSON.createParser(body)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.VALUE_STRING) {
                    fields.put(parser.currentName(), parser.getText());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable login event", e);
        }
        return fields;
    }
}
