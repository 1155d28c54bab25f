package io.maskpipe.sqs;

import io.maskpipe.core.spi.SourceException;
import java.io.InterruptedIOException;
import java.nio.channels.ClosedByInterruptException;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Turns AWS SDK failures into what maskpipe reports: the operation, the queue, the AWS error code and HTTP status,
 * and whether trying again may help. The SDK's own message text is left out (it is kept as the cause), so nothing
 * from a request can reach a log line through ours.
 */
final class SqsFailures {
    // Codes that no retry can fix: the queue or the credentials are wrong.
    private static final Set<String> PERMANENT = Set.of(
            "AWS.SimpleQueueService.NonExistentQueue", "QueueDoesNotExist", "AccessDenied", "AccessDeniedException",
            "InvalidClientTokenId", "InvalidSecurity", "SignatureDoesNotMatch", "UnrecognizedClientException",
            "MissingAuthenticationToken", "InvalidAddress", "KmsAccessDenied", "KmsDisabled", "KmsNotFound",
            "KmsInvalidState", "KmsOptInRequired", "AWS.SimpleQueueService.UnsupportedOperation");

    private SqsFailures() {
    }

    /** Returns the failure's AWS error code, its HTTP status for a service error, or its kind for a client one. */
    static String code(SdkException e) {
        if (e instanceof AwsServiceException service) {
            String code = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
            String status = "HTTP " + service.statusCode();
            return code == null || code.isEmpty() ? status : code + " (" + status + ")";
        }
        return e instanceof SdkClientException ? "client error " + e.getClass().getSimpleName()
                : e.getClass().getSimpleName();
    }

    /** Returns whether the same call may succeed later: throttling, server errors and I/O are transient. */
    static boolean isTransient(SdkException e) {
        if (e instanceof AwsServiceException service) {
            String code = service.awsErrorDetails() == null ? null : service.awsErrorDetails().errorCode();
            if (code != null && PERMANENT.contains(code)) {
                return false;
            }
            int status = service.statusCode();
            return service.isThrottlingException() || status >= 500 || status == 429 || status == 408
                    || service.retryable();
        }
        return true; // I/O, timeouts, an unreachable endpoint
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

    /** Returns a source's failure of one call: the operation, the queue and the code, transient when it may pass. */
    static SourceException sourceFailure(String operation, String queueName, SdkException e) {
        return new SourceException(describe(operation, queueName, code(e)), isTransient(e), e);
    }

    /** Returns the text {@code SQS <operation> on queue '<name>': <detail>}. */
    static String describe(String operation, String queueName, String detail) {
        return "SQS " + operation + " on queue '" + queueName + "': " + detail;
    }
}
