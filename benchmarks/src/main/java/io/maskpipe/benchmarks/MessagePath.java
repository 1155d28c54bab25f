package io.maskpipe.benchmarks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.maskpipe.core.Masker;
import io.maskpipe.core.Maskers;
import io.maskpipe.core.Pipeline;
import io.maskpipe.core.PipelineStage;
import io.maskpipe.core.UnknownFields;
import io.maskpipe.core.key.Keyring;
import io.maskpipe.core.record.Outcome;
import io.maskpipe.core.spi.Delivery;
import io.maskpipe.core.spi.Source;
import io.maskpipe.examples.LoginEventGenerator;
import io.maskpipe.sqs.SqsSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What maskpipe itself does per message in the client, without the network or the AWS SDK's request machinery,
 * shared by {@link MessagePathBenchmark} (JMH) and {@link PairedMessagePath} (paired CPU rounds). Realistic login
 * events (the examples' {@link LoginEventGenerator}, well-formed) go through {@code SqsSource} over a
 * {@link PreloadedSqsClient}, the user-logins steps ({@code examples/UserLogins}: personal fields, strict field
 * policy, require, keep, HMAC masks of {@code ip} and {@code device_id}), the engine's single-thread path
 * ({@link Pipeline#runOnce}: entries, batch writer, settlement, acknowledgement through {@code SqsSource}'s
 * {@code DeleteMessageBatch} chunks) and a sink that reads the example's columns ({@link ColumnReadingSink}).
 *
 * <p>Each operation handles {@value #PER_RECEIVE} messages in the calling thread alone. Not thread-safe.
 */
final class MessagePath implements AutoCloseable {
    /** Messages per receive and per sink batch: per operation. */
    static final int PER_RECEIVE = 100;
    private static final int MESSAGES = 10_000;
    private static final int DECODED_RECEIVES = 10;
    private static final String QUEUE_URL = "http://127.0.0.1:1/000000000000/login-queue";

    private final JsonFactory json = new JsonFactory();
    private final List<String> bodies;
    private final SqsSource sqs;
    private final Pipeline fromSqs;
    private final Pipeline fromDecoded;
    private final Masker masker;
    private int nextBody;

    /** Makes the bodies, the messages SQS would return for them, and the two pipelines, with a fresh key. */
    MessagePath() throws InterruptedException {
        bodies = LoginEventGenerator.seeded(12, 0).next(MESSAGES);
        sqs = SqsSource.builder()
                .client(PreloadedSqsClient.of(bodies, PER_RECEIVE))
                .queueUrl(QUEUE_URL)
                .maxBodySize(262_144)
                .visibilityTimeout(Duration.ofSeconds(60))
                .maxConcurrentBatchCalls(1)
                .build();
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        masker = Maskers.hmac(Keyring.of("k1", key));
        fromSqs = userLogins(sqs, masker, PER_RECEIVE).to(new ColumnReadingSink());
        List<List<Delivery>> decoded = new ArrayList<>();
        for (int i = 0; i < DECODED_RECEIVES; i++) { // few enough to stay in the cache, as fresh ones would be
            decoded.add(sqs.receive(Duration.ZERO));
        }
        fromDecoded = userLogins(new DecodedSource(decoded), masker, PER_RECEIVE).to(new ColumnReadingSink());
    }

    /** The HMAC masker both fields are masked with. */
    Masker masker() {
        return masker;
    }

    /** The steps of {@code examples/UserLogins}, in batches of {@code batchRows} or 200 ms. */
    static PipelineStage userLogins(Source source, Masker masker, int batchRows) {
        return Pipeline.from(source)
                .personal("ip", "device_id")
                .unknownFields(UnknownFields.REJECT)
                .require("user_id", "device_type", "ip", "device_id", "app_version")
                .keep("locale")
                .mask("ip", masker)
                .mask("device_id", masker)
                .batching(batchRows, Duration.ofMillis(200));
    }

    /** The whole client-side path: receive, decode, steps, engine, sink reads, acknowledgement. */
    long fullPath() {
        return written(fromSqs.runOnce(Duration.ofMinutes(1)).written());
    }

    /** {@code SqsSource.receive} alone: metadata, checks and JSON decoding. */
    List<Delivery> receive() {
        try {
            return sqs.receive(Duration.ZERO);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The steps, the engine and the sink's reads over already-decoded deliveries. */
    long stepsAndEngine() {
        return written(fromDecoded.runOnce(Duration.ofMinutes(1)).written());
    }

    /** Jackson's streaming parser over the same bodies, every token and text read: the floor of JSON decoding. */
    long jsonTokens() {
        long sum = 0;
        for (int i = 0; i < PER_RECEIVE; i++) {
            String body = bodies.get(nextBody);
            nextBody = (nextBody + 1) % bodies.size();
            try (JsonParser parser = json.createParser(body)) {
                for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                    sum += token == JsonToken.VALUE_STRING || token == JsonToken.FIELD_NAME
                            ? parser.getText().length() : token.ordinal();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return sum;
    }

    /** Closes the source's batch threads. */
    @Override
    public void close() {
        sqs.close();
    }

    private static long written(long written) {
        if (written != PER_RECEIVE) {
            throw new IllegalStateException("expected " + PER_RECEIVE + " records written, got " + written);
        }
        return written;
    }

    /** Hands out already-decoded receives in turn, as a source that needs no decoding would. */
    private static final class DecodedSource implements Source {
        private final List<List<Delivery>> receives;
        private int next;

        DecodedSource(List<List<Delivery>> receives) {
            for (List<Delivery> receive : receives) {
                for (Delivery delivery : receive) {
                    if (!(delivery.content() instanceof Outcome.Accepted)) {
                        throw new IllegalStateException("a generated body did not decode: " + delivery);
                    }
                }
            }
            this.receives = receives;
        }

        @Override
        public List<Delivery> receive(Duration maxWait) {
            List<Delivery> receive = receives.get(next);
            next = (next + 1) % receives.size();
            return receive;
        }

        @Override
        public void acknowledge(List<Delivery> deliveries) {
        }
    }
}
