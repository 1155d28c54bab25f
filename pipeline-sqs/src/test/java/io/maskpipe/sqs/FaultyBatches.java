package io.maskpipe.sqs;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * Injects SQS faults into a client's calls, as a real SQS does them: receives that fail on the wire, and entries of
 * a {@code DeleteMessageBatch} or {@code SendMessageBatch} that SQS reports as failed ({@code InternalError}, not the
 * sender's fault). A failed entry is taken out of the request before it reaches ElasticMQ, so it really is not
 * done, and reported failed in the response.
 */
final class FaultyBatches implements ExecutionInterceptor {
    private static final ExecutionAttribute<Set<String>> DROPPED = new ExecutionAttribute<>("maskpipe.dropped");

    final AtomicInteger failedReceives = new AtomicInteger();
    final AtomicInteger failedDeletes = new AtomicInteger();
    final AtomicInteger failedSends = new AtomicInteger();
    final AtomicInteger sentEntries = new AtomicInteger();
    private volatile double receiveFailure;
    private volatile double deleteFailure;
    private volatile BooleanSupplier sendsFailing = () -> false;

    /** Fails this share of receives with an I/O error. */
    FaultyBatches receives(double share) {
        this.receiveFailure = share;
        return this;
    }

    /** Fails this share of delete entries with {@code InternalError}. */
    FaultyBatches deletes(double share) {
        this.deleteFailure = share;
        return this;
    }

    /** While the condition holds, fails every other entry of each {@code SendMessageBatch}. */
    FaultyBatches sendsWhile(BooleanSupplier failing) {
        this.sendsFailing = failing;
        return this;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        if (context.request() instanceof ReceiveMessageRequest && chance(receiveFailure)) {
            failedReceives.incrementAndGet();
            throw SdkClientException.create("connection reset (injected)");
        }
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        Set<String> dropped = ConcurrentHashMap.newKeySet();
        attributes.putAttribute(DROPPED, dropped);
        if (context.request() instanceof DeleteMessageBatchRequest request) {
            List<DeleteMessageBatchRequestEntry> kept = new ArrayList<>();
            for (DeleteMessageBatchRequestEntry entry : request.entries()) {
                if (chance(deleteFailure) && dropped.size() < request.entries().size() - 1) {
                    dropped.add(entry.id());
                } else {
                    kept.add(entry);
                }
            }
            failedDeletes.addAndGet(dropped.size());
            return request.toBuilder().entries(kept).build();
        }
        if (context.request() instanceof SendMessageBatchRequest request) {
            List<SendMessageBatchRequestEntry> kept = new ArrayList<>();
            boolean failing = sendsFailing.getAsBoolean();
            for (int i = 0; i < request.entries().size(); i++) {
                SendMessageBatchRequestEntry entry = request.entries().get(i);
                if (failing && i % 2 == 1 || failing && request.entries().size() == 1) {
                    dropped.add(entry.id());
                } else {
                    kept.add(entry);
                }
            }
            failedSends.addAndGet(dropped.size());
            sentEntries.addAndGet(kept.size());
            if (kept.isEmpty()) { // SQS refuses an empty batch: fail the call as a whole instead
                throw SdkClientException.create("connection reset (injected)");
            }
            return request.toBuilder().entries(kept).build();
        }
        return context.request();
    }

    @Override
    public SdkResponse modifyResponse(Context.ModifyResponse context, ExecutionAttributes attributes) {
        Set<String> dropped = attributes.getAttribute(DROPPED);
        if (dropped == null || dropped.isEmpty()) {
            return context.response();
        }
        List<BatchResultErrorEntry> failed = new ArrayList<>();
        for (String id : dropped) {
            failed.add(BatchResultErrorEntry.builder().id(id).code("InternalError").senderFault(false)
                    .message("injected").build());
        }
        if (context.response() instanceof DeleteMessageBatchResponse response) {
            failed.addAll(response.failed());
            return response.toBuilder().failed(failed).build();
        }
        if (context.response() instanceof SendMessageBatchResponse response) {
            failed.addAll(response.failed());
            return response.toBuilder().failed(failed).build();
        }
        return context.response();
    }

    private static boolean chance(double share) {
        return share > 0 && ThreadLocalRandom.current().nextDouble() < share;
    }
}
