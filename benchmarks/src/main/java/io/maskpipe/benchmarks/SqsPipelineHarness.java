package io.maskpipe.benchmarks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.maskpipe.testing.InMemorySink;
import io.maskpipe.core.key.Keyring;
import io.maskpipe.core.MaskContext;
import io.maskpipe.core.Masker;
import io.maskpipe.core.Maskers;
import io.maskpipe.core.Pipeline;
import io.maskpipe.core.PipelineSummary;
import io.maskpipe.sqs.SqsSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * End-to-end throughput of {@code Pipeline.from(SqsSource).mask(ip).mask(device_id).to(InMemorySink)} through an
 * ElasticMQ server embedded in this JVM, beside two baselines measured in the same run: ElasticMQ's own ceiling
 * (threads doing nothing but receive(10) + DeleteMessageBatch, as many as the pipeline's pollers and writers together,
 * since both call SQS) and a naive loop
 * (receive 1, mask, delete 1), run on a subset and extrapolated.
 *
 * <p>{@code java -cp benchmarks/target/benchmarks.jar io.maskpipe.benchmarks.SqsPipelineHarness --messages 100000}.
 * Options: {@code --messages N}, {@code --naive-messages N} (default 1,000), {@code --pollers N} (default 4),
 * {@code --writers N} (default 4), {@code --batch N} (sink batch rows, default 100). Figures and their reading
 * are in {@code docs/performance.md}.
 */
public final class SqsPipelineHarness {
    private static final Random RANDOM = new Random(42);
    private static final JsonFactory JSON = new JsonFactory();

    private SqsPipelineHarness() {
    }

    /**
     * Runs the harness and prints the figures.
     *
     * @param args the options above
     * @throws Exception when the server or a phase fails
     */
    public static void main(String[] args) throws Exception {
        int messages = option(args, "--messages", 100_000);
        int naiveMessages = Math.min(messages, option(args, "--naive-messages", 1_000));
        int pollers = option(args, "--pollers", 4);
        int batch = option(args, "--batch", 100);
        int writers = option(args, "--writers", 4);
        // The URL connection client pools through the JDK's keep-alive cache: 5 connections per host by default.
        System.setProperty("http.maxConnections", Integer.toString(4 * pollers + 8));

        SQSRestServer server = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
        URI endpoint = URI.create("http://127.0.0.1:" + server.waitUntilStarted().localAddress().getPort());
        try (SqsClient sqs = client(endpoint)) {
            Masker masker = hmacMasker();
            System.out.printf("messages=%d pollers=%d batch=%d naive-subset=%d%n", messages, pollers, batch,
                    naiveMessages);

            // Warm-up: JIT both paths on a small queue before anything is timed.
            String warm = queue(sqs, "warm", Math.min(messages, 2_000));
            ceiling(sqs, warm, pollers + writers);
            fill(sqs, warm, Math.min(messages, 2_000));
            pipeline(sqs, warm, pollers, writers, batch, masker);

            String q1 = queue(sqs, "pipeline", messages);
            PipelineSummary summary = pipeline(sqs, q1, pollers, writers, batch, masker);
            // As for the ceiling, the final empty long poll (1 s) that ends the run is not work.
            double pipelineRate = summary.written() / (seconds(summary.elapsed()) - 1.0);
            // Same concurrency: the pipeline has its pollers and its writers calling SQS at once. Measured after
            // the pipeline, so ElasticMQ is at least as warm for the baseline as for the pipeline.
            String q2 = queue(sqs, "ceiling", messages);
            double ceiling = ceiling(sqs, q2, pollers + writers);
            String q3 = queue(sqs, "naive", naiveMessages);
            double naive = naive(sqs, q3, masker, naiveMessages);

            System.out.printf("ceiling  (receive(10)+delete-batch, %d threads): %,.0f msg/s%n", pollers + writers,
                    ceiling);
            System.out.printf("pipeline (%d pollers, batch %d, HMAC on ip and device_id): %,.0f msg/s, "
                    + "written=%d%n", pollers, batch, pipelineRate, summary.written());
            System.out.printf("naive    (receive 1, mask, delete 1; %d messages, extrapolated): %,.0f msg/s%n",
                    naiveMessages, naive);
            System.out.printf("pipeline / ceiling = %.2f   pipeline / naive = %.1f%n", pipelineRate / ceiling,
                    pipelineRate / naive);
        } finally {
            server.stopAndWait();
        }
    }

    private static PipelineSummary pipeline(SqsClient sqs, String queue, int pollers, int writers, int batch,
                                            Masker masker) {
        InMemorySink sink = InMemorySink.create();
        return Pipeline.from(SqsSource.builder().client(sqs).queueUrl(queue).waitTime(Duration.ofSeconds(1)).build())
                .mask("ip", masker)
                .mask("device_id", masker)
                .batching(batch, Duration.ofMillis(50))
                .pollers(pollers)
                .writers(writers)
                .maxInFlight(Math.max(4 * batch, 2_000))
                .pollWait(Duration.ofSeconds(1))
                .emptyReceivesToDrain(1)
                .to(sink)
                .run();
    }

    /** Threads that only receive ten and delete them in one batch, until the queue is empty. */
    private static double ceiling(SqsClient sqs, String queue, int threads) throws Exception {
        AtomicInteger handled = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long start = System.nanoTime();
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                while (true) {
                    List<Message> batch = sqs.receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(10)
                            .waitTimeSeconds(1)).messages();
                    if (batch.isEmpty()) {
                        return null;
                    }
                    List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
                    for (int i = 0; i < batch.size(); i++) {
                        entries.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(i))
                                .receiptHandle(batch.get(i).receiptHandle()).build());
                    }
                    sqs.deleteMessageBatch(r -> r.queueUrl(queue).entries(entries));
                    handled.addAndGet(batch.size());
                }
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        // The last empty long poll of each thread (1 s) is not work: leave it out.
        double elapsed = (System.nanoTime() - start) / 1e9 - 1.0;
        pool.shutdown();
        return handled.get() / elapsed;
    }

    /** One thread: receive one message, mask its two fields, delete it. */
    private static double naive(SqsClient sqs, String queue, Masker masker, int count) {
        long start = System.nanoTime();
        int handled = 0;
        while (handled < count) {
            List<Message> one = sqs.receiveMessage(r -> r.queueUrl(queue).maxNumberOfMessages(1).waitTimeSeconds(1))
                    .messages();
            if (one.isEmpty()) {
                break;
            }
            Message message = one.get(0);
            maskFields(message.body(), masker);
            sqs.deleteMessage(r -> r.queueUrl(queue).receiptHandle(message.receiptHandle()));
            handled++;
        }
        return handled / ((System.nanoTime() - start) / 1e9);
    }

    /** The naive loop's handling: parse the body and mask its two fields. */
    private static void maskFields(String body, Masker masker) {
        try (JsonParser parser = JSON.createParser(body)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.VALUE_STRING
                        && ("ip".equals(parser.currentName()) || "device_id".equals(parser.currentName()))) {
                    masker.mask(parser.getText(), MaskContext.forField(parser.currentName()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String queue(SqsClient sqs, String name, int messages) throws Exception {
        String url = sqs.createQueue(r -> r.queueName(name).attributes(java.util.Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT, "60"))).queueUrl();
        fill(sqs, url, messages);
        return url;
    }

    private static void fill(SqsClient sqs, String queue, int messages) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> futures = new ArrayList<>();
        for (int from = 0; from < messages; from += 10) {
            int start = from;
            int end = Math.min(messages, from + 10);
            futures.add(pool.submit(() -> {
                List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
                for (int i = start; i < end; i++) {
                    entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i - start))
                            .messageBody(login(i)).build());
                }
                sqs.sendMessageBatch(r -> r.queueUrl(queue).entries(entries));
            }));
        }
        for (Future<?> future : futures) {
            future.get();
        }
        pool.shutdown();
    }

    /** A login event shaped like the user-logins task's, from a seeded generator. */
    private static String login(int i) {
        int a;
        int b;
        int c;
        int d;
        synchronized (RANDOM) {
            a = RANDOM.nextInt(256);
            b = RANDOM.nextInt(256);
            c = RANDOM.nextInt(256);
            d = RANDOM.nextInt(10_000);
        }
        return "{\"user_id\":\"u-" + i + "\",\"app_version\":\"2.3.0\",\"device_type\":\"android\",\"ip\":\""
                + a + "." + b + "." + c + "." + (i % 256) + "\",\"locale\":\"RU\",\"device_id\":\"593-47-" + d
                + "\"}";
    }

    /** The library's keyed HMAC masker, on a random key made for this run. */
    private static Masker hmacMasker() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Maskers.hmac(Keyring.of("k1", key));
    }

    private static SqsClient client(URI endpoint) {
        return SqsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    private static int option(String[] args, String name, int defaultValue) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1].replace("_", "").replace(",", ""));
            }
        }
        return defaultValue;
    }
}
