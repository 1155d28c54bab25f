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

/**
 * Counts an SDK client's calls by operation (one per API call, retries not counted again), so a phase can say how
 * many calls of each kind it made per message: the SDK's cost is mostly per call, not per message. Thread-safe.
 */
final class SqsCallCounter implements ExecutionInterceptor {
    private final Map<String, LongAdder> calls = new ConcurrentHashMap<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        calls.computeIfAbsent(operation == null ? "?" : operation, k -> new LongAdder()).increment();
    }

    /** {@code "ReceiveMessage 10.2, DeleteMessageBatch 10.0 calls per 100 msgs"}, by operation name. */
    String perHundred(long messages) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(calls).forEach((operation, count) -> text.append(text.length() == 0 ? "" : ", ")
                .append(operation).append(' ')
                .append(String.format(Locale.ROOT, "%.1f", 100.0 * count.sum() / Math.max(1, messages))));
        return text.append(" calls per 100 msgs").toString();
    }
}
