package io.maskpipe.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.maskpipe.core.Pipeline;
import io.maskpipe.core.PipelineException;
import io.maskpipe.core.PipelineSummary;
import io.maskpipe.core.spi.Source;
import io.maskpipe.sqs.BodyDecoder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An AWS Lambda handler for SQS events that runs a maskpipe pipeline over each batch: the event source mapping
 * polls, scales out and deletes; the handler decodes, masks and writes the whole batch in bulk and reports, as a
 * partial batch response, exactly the messages that must come back.
 *
 * <p>Subclass it and describe the pipeline as for a polling run, from the source you are given:
 * <pre>{@code
 * public final class UserLoginsHandler extends SqsBatchHandler {
 *     @Override
 *     protected Pipeline pipeline(Source messages) {
 *         Keyring keyring = Keyring.fromEnvironment("MASKPIPE_KEYS");
 *         SqsDeadLetters deadLetters = SqsDeadLetters.of(SqsClient.create(), System.getenv("DEAD_LETTER_QUEUE_URL"));
 *         return Pipeline.from(messages)
 *                 .require("user_id", "ip", "device_id")
 *                 .mask("ip", Maskers.hmac(keyring))
 *                 .mask("device_id", Maskers.hmac(keyring))
 *                 .deadLetters(deadLetters, keyring) // sealed with the key ring
 *                 .to(PostgresSink.into("user_logins").url(System.getenv("JDBC_URL")).build());
 *     }
 * }
 * }</pre>
 * {@link #pipeline(Source)} is called once per execution environment, on the first invocation; the key ring,
 * maskers and the sink's connections it builds are reused by every later invocation.
 *
 * <p>What an invocation returns or throws:
 * <ul>
 *   <li>Each record written (or a duplicate of one already written: redeliveries never make a second row) and each
 *       rejection stored in the pipeline's dead-letter destination is reported done; Lambda deletes it.</li>
 *   <li>{@code batchItemFailures} lists the messages that must come back: those whose write kept failing
 *       transiently until the invocation's time was nearly up, rejections when the pipeline has no dead-letter
 *       destination (the queue's redrive policy then takes them), and on a FIFO queue every later message of a group
 *       in which one must come back. Turn on {@code ReportBatchItemFailures} in the event source mapping.</li>
 *   <li>When the setup is wrong (a missing table, a privilege) or nothing of the batch could be resolved (the
 *       database down, read-only or locked), the handler throws a {@link PipelineException}: the whole batch comes
 *       back, and the event source mapping backs off. Nothing is dead-lettered for such a failure.</li>
 * </ul>
 * Log lines carry counts and reasons, never a message body or a field value.
 *
 * @since 0.1.0
 */
public abstract class SqsBatchHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private static final Logger LOG = LoggerFactory.getLogger(SqsBatchHandler.class);
    /** Time kept back from the invocation's deadline, at least, for the last write and the response. */
    private static final Duration MIN_MARGIN = Duration.ofSeconds(2);
    /** The retry budget when the runtime gives no deadline (a test, a local call). */
    private static final Duration NO_DEADLINE_BUDGET = Duration.ofSeconds(30);

    private final EventSource source = new EventSource();
    private final EventMessages messages;
    private volatile Pipeline pipeline;

    /** Creates a handler for JSON-object message bodies. */
    protected SqsBatchHandler() {
        this(BodyDecoder.json());
    }

    /**
     * Creates a handler whose message bodies are decoded by a decoder of your own.
     *
     * @param decoder turns a body into a record or a rejection
     */
    protected SqsBatchHandler(BodyDecoder decoder) {
        this.messages = new EventMessages(Objects.requireNonNull(decoder, "decoder"));
    }

    /**
     * Describes the pipeline, as for a polling run: {@code Pipeline.from(messages)}, its steps, the dead-letter
     * destination, and {@code to(sink)}. Called once per execution environment.
     *
     * @param messages the source to build the pipeline from; it hands out each invocation's messages
     * @return the pipeline
     */
    protected abstract Pipeline pipeline(Source messages);

    /**
     * Processes one SQS event.
     *
     * @param event the batch the event source mapping received
     * @param context the invocation's context; its remaining time bounds the retries of transient failures
     * @return the messages that must come back
     * @throws PipelineException when the setup is wrong or nothing of the batch could be resolved: the whole
     *     batch comes back
     */
    @Override
    public final SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        Pipeline run = pipeline();
        EventSource.Invocation invocation = source.begin(event, messages);
        try {
            PipelineSummary summary;
            try {
                summary = run.runOnce(timeLimit(context));
            } catch (PipelineException e) {
                LOG.warn("maskpipe: all {} messages of the batch come back: {}", invocation.size(), e.getMessage());
                throw e;
            }
            List<String> failed = invocation.failures();
            LOG.info("maskpipe: batch of {}: {} written, {} duplicates, {} rejected ({} dead-lettered), {} come back",
                    invocation.size(), summary.written(), summary.duplicates(), summary.rejected(),
                    summary.deadLettered(), failed.size());
            List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>(failed.size());
            failed.forEach(id -> failures.add(new SQSBatchResponse.BatchItemFailure(id)));
            return new SQSBatchResponse(failures);
        } finally {
            source.end();
        }
    }

    private Pipeline pipeline() {
        Pipeline built = pipeline;
        if (built == null) {
            synchronized (this) {
                built = pipeline;
                if (built == null) {
                    built = Objects.requireNonNull(pipeline(source), "pipeline(messages) returned null");
                    pipeline = built;
                }
            }
        }
        return built;
    }

    /** The invocation's remaining time less a margin (a fifth of it, at least two seconds), never negative. */
    static Duration timeLimit(Context context) {
        if (context == null || context.getRemainingTimeInMillis() <= 0) {
            return NO_DEADLINE_BUDGET;
        }
        Duration remaining = Duration.ofMillis(context.getRemainingTimeInMillis());
        Duration margin = remaining.dividedBy(5);
        Duration left = remaining.minus(margin.compareTo(MIN_MARGIN) < 0 ? MIN_MARGIN : margin);
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** Names the handler class, never its pipeline's keys or data. */
    @Override
    public String toString() {
        return getClass().getSimpleName() + "[maskpipe SQS batch handler]";
    }
}
