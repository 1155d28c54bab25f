package io.maskpipe.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskpipe.core.spi.ConnectorException.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SqsException;

/** SQS error codes, classified into the pipeline's three kinds of failure. */
class SqsFailuresTest {

    @ParameterizedTest(name = "{0} (HTTP {1}) is {2}")
    @CsvSource({
        "AWS.SimpleQueueService.NonExistentQueue, 400, SETUP",
        "QueueDoesNotExist, 400, SETUP",
        "AccessDenied, 403, SETUP",
        "InvalidClientTokenId, 403, SETUP",
        "SignatureDoesNotMatch, 403, SETUP",
        "KmsAccessDenied, 400, SETUP",
        "SomethingNew, 403, SETUP",
        "ExpiredToken, 403, TRANSIENT",
        "ThrottlingException, 400, TRANSIENT",
        "RequestThrottled, 403, TRANSIENT",
        "InternalError, 500, TRANSIENT",
        "ServiceUnavailable, 503, TRANSIENT",
        "SomethingNew, 400, TRANSIENT",
    })
    void kindOf_serviceError_isClassifiedByCode(String code, int status, Kind kind) {
        SqsException e = (SqsException) SqsException.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).build()).build();

        assertThat(SqsFailures.kindOf(e)).isEqualTo(kind);
    }

    @Test
    void kindOf_clientError_isTransient() {
        assertThat(SqsFailures.kindOf(SdkClientException.create("connection reset"))).isEqualTo(Kind.TRANSIENT);
    }

    @ParameterizedTest(name = "entry {0} is {1}")
    @CsvSource({
        "ReceiptHandleIsInvalid, DATA",
        "AWS.SimpleQueueService.MessageNotInflight, DATA",
        "InvalidMessageContents, DATA",
        "AccessDenied, SETUP",
        "InternalError, TRANSIENT",
        "SomethingNew, TRANSIENT",
    })
    void kindOf_batchEntry_isClassifiedByCode(String code, Kind kind) {
        BatchResultErrorEntry entry = BatchResultErrorEntry.builder().id("0").code(code).senderFault(true).build();

        assertThat(SqsFailures.kindOf(entry)).isEqualTo(kind);
    }
}
