package io.maskpipe.sqs;

import io.maskpipe.core.spi.ConnectorException.Kind;
import io.maskpipe.core.spi.SourceException;
import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;

/**
 * Turns AWS SDK failures into what maskpipe reports: the operation, the queue, the AWS error code and HTTP status,
 * and the failure's {@link Kind}. The SDK's own message text is left out (it is kept as the cause), so nothing
 * from a request can reach a log line through ours. Classification only: nothing here retries (the SDK retries a
 * call on its transport; the pipeline's engine retries what is transient).
 *
 * <ul>
 *   <li>{@code SETUP}: the queue or the credentials are wrong, which no retry fixes (a missing queue, access
 *       denied, bad or missing credentials, a KMS key that cannot be used).</li>
 *   <li>{@code DATA}, for one entry of a batch call: the entry itself cannot be done. A receipt handle that is
 *       invalid or expired (the message's visibility ran out and it was delivered again, or it is gone), a message
 *       no longer in flight, a dead letter SQS refuses for its contents or size. Retrying the entry cannot help and
 *       nothing about the setup is wrong: the engine gives up on that entry alone (the message comes back and is
 *       deduplicated; a refused dead letter is left for redrive).</li>
 *   <li>{@code TRANSIENT}: throttling, 5xx, timeouts and I/O, and any code not listed here.</li>
 * </ul>
 */
final class SqsFailures {
    private static final Set<String> SETUP = Set.of(
            "AWS.SimpleQueueService.NonExistentQueue", "QueueDoesNotExist", "AccessDenied", "AccessDeniedException",
            "InvalidClientTokenId", "InvalidSecurity", "SignatureDoesNotMatch", "UnrecognizedClientException",
            "MissingAuthenticationToken", "IncompleteSignature", "InvalidAddress", "KmsAccessDenied", "KmsDisabled",
            "KmsNotFound", "KmsInvalidState", "KmsOptInRequired", "KmsInvalidKeyUsage",
            "AWS.SimpleQueueService.UnsupportedOperation", "UnsupportedOperation");
    // Credentials that a refreshing provider renews, and requests signed before a clock correction: they pass.
    private static final Set<String> EXPIRED = Set.of("ExpiredToken", "ExpiredTokenException", "RequestExpired");
    private static final Set<String> ENTRY_DATA = Set.of(
            "ReceiptHandleIsInvalid", "InvalidReceiptHandle", "AWS.SimpleQueueService.MessageNotInflight",
            "MessageNotInflight", "InvalidMessageContents", "MessageTooLong", "InvalidParameterValue",
            "AWS.SimpleQueueService.InvalidBatchEntryId");

    private SqsFailures() {
    }

    /** Returns the failure's AWS error code, its HTTP status for a service error, or its kind for a client one. */
    static String code(SdkException e) {
        if (e instanceof AwsServiceException service) {
            String code = errorCode(service);
            String status = "HTTP " + service.statusCode();
            return code == null || code.isEmpty() ? status : code + " (" + status + ")";
        }
        return e instanceof SdkClientException ? "client error " + e.getClass().getSimpleName()
                : e.getClass().getSimpleName();
    }

    /** Returns the kind of a failed call: SETUP for the codes listed, TRANSIENT for everything else. */
    static Kind kindOf(SdkException e) {
        if (e instanceof AwsServiceException service) {
            String code = errorCode(service);
            int status = service.statusCode();
            if (service.isThrottlingException() || status == 429 || status >= 500) {
                return Kind.TRANSIENT; // throttling (some of it is HTTP 403) and server errors
            }
            if (code != null && SETUP.contains(code)) {
                return Kind.SETUP;
            }
            if (status == 403 && (code == null || !EXPIRED.contains(code))) {
                return Kind.SETUP; // any other refusal of the caller's identity
            }
        }
        return Kind.TRANSIENT; // throttling, 5xx, I/O, timeouts, an unreachable endpoint, any unknown code
    }

    /** Returns the kind of one failed entry of a batch call. */
    static Kind kindOf(BatchResultErrorEntry entry) {
        String code = entry.code();
        if (code != null && SETUP.contains(code)) {
            return Kind.SETUP;
        }
        return code != null && ENTRY_DATA.contains(code) ? Kind.DATA : Kind.TRANSIENT;
    }

    /** Returns whether the same call may succeed later. */
    static boolean isTransient(SdkException e) {
        return kindOf(e) == Kind.TRANSIENT;
    }

    /** Returns whether the failure only reports that the calling thread was interrupted. */
    static boolean isInterruption(SdkException e) {
        if (e instanceof AbortedException) {
            return true;
        }
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            if (t instanceof InterruptedException || t instanceof ClosedByInterruptException
                    || t instanceof InterruptedIOException && Thread.currentThread().isInterrupted()) {
                return true;
            }
        }
        return false;
    }

    /** Returns a source's failure of one call: the operation, the queue, the code and its kind. */
    static SourceException sourceFailure(String operation, String queueName, SdkException e) {
        return new SourceException(describe(operation, queueName, code(e)), kindOf(e), e);
    }

    /** Returns the text {@code SQS <operation> on queue '<name>': <detail>}. */
    static String describe(String operation, String queueName, String detail) {
        return "SQS " + operation + " on queue '" + queueName + "': " + detail;
    }

    private static String errorCode(AwsServiceException service) {
        return service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
    }
}
