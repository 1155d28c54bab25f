package io.maskpipe.benchmarks;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/**
 * Counts an SDK client's calls by operation (one per API call, retries not counted again), the messages each
 * {@code ReceiveMessage} returned, and the HTTP bodies' bytes each way, so a phase can say how many calls of each
 * kind it made per message and how large they were: the SDK's cost is mostly per call, not per message.
 * Thread-safe.
 */
final class SqsCallCounter implements ExecutionInterceptor {
    private final Map<String, Tally> tallies = new ConcurrentHashMap<>();
    private final LongAdder received = new LongAdder();
    private final LongAdder emptyReceives = new LongAdder();

    /** One operation's calls and body bytes sent and received. */
    private static final class Tally {
        final LongAdder calls = new LongAdder();
        final LongAdder bytesOut = new LongAdder();
        final LongAdder bytesIn = new LongAdder();
    }

    private Tally tally(ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        return tallies.computeIfAbsent(operation == null ? "?" : operation, k -> new Tally());
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        tally(attributes).calls.increment();
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        context.requestBody().flatMap(body -> body.optionalContentLength())
                .ifPresent(tally(attributes).bytesOut::add);
    }

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        context.httpResponse().firstMatchingHeader("Content-Length")
                .ifPresent(length -> tally(attributes).bytesIn.add(Long.parseLong(length.trim())));
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (context.response() instanceof ReceiveMessageResponse response) {
            received.add(response.messages().size());
            if (response.messages().isEmpty()) {
                emptyReceives.increment();
            }
        }
    }

    /** How many calls of {@code operation} were made. */
    long calls(String operation) {
        Tally tally = tallies.get(operation);
        return tally == null ? 0 : tally.calls.sum();
    }

    /** {@code "ReceiveMessage 10.2, DeleteMessageBatch 10.0 calls per 100 msgs"}, by operation name. */
    String perHundred(long messages) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(tallies).forEach((operation, tally) -> text.append(text.length() == 0 ? "" : ", ")
                .append(operation).append(' ')
                .append(String.format(Locale.ROOT, "%.1f", 100.0 * tally.calls.sum() / Math.max(1, messages))));
        return text.append(" calls per 100 msgs").toString();
    }

    /**
     * The calls per 100 messages, then the messages per receive and the empty receives, then each operation's mean
     * body bytes per call sent / received.
     */
    String detail(long messages) {
        long receives = calls("ReceiveMessage");
        StringBuilder text = new StringBuilder(perHundred(messages));
        text.append(String.format(Locale.ROOT, "; %.2f msgs per receive, %d empty receives; bytes per call out/in:",
                (double) received.sum() / Math.max(1, receives), emptyReceives.sum()));
        new TreeMap<>(tallies).forEach((operation, tally) -> {
            long calls = Math.max(1, tally.calls.sum());
            text.append(String.format(Locale.ROOT, " %s %d/%d", operation, tally.bytesOut.sum() / calls,
                    tally.bytesIn.sum() / calls));
        });
        return text.toString();
    }
}
