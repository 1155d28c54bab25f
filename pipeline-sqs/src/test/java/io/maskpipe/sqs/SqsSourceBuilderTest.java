package io.maskpipe.sqs;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskpipe.core.record.Outcome;
import io.maskpipe.core.record.Record;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

class SqsSourceBuilderTest {
    private static final String QUEUE = "http://localhost:9324/000000000000/logins";

    @Test
    void builder_waitTimeOver20Seconds_fails() {
        assertThatThrownBy(() -> SqsSource.builder().waitTime(Duration.ofSeconds(21)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("waitTime: 21000 ms given, 0 to 20 seconds allowed");
    }

    @Test
    void builder_negativeWaitTime_fails() {
        assertThatThrownBy(() -> SqsSource.builder().waitTime(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("waitTime: -1000 ms given, 0 to 20 seconds allowed");
    }

    @Test
    void builder_maxMessagesOutOfRange_fails() {
        assertThatThrownBy(() -> SqsSource.builder().maxMessages(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxMessages: 0 given, 1 to 10 allowed");
        assertThatThrownBy(() -> SqsSource.builder().maxMessages(11))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxMessages: 11 given, 1 to 10 allowed");
    }

    @Test
    void builder_visibilityTimeoutUnderOneSecond_fails() {
        assertThatThrownBy(() -> SqsSource.builder().visibilityTimeout(Duration.ofMillis(500)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("visibilityTimeout: 500 ms given, 1 second to 12 hours allowed");
    }

    @Test
    void builder_zeroMaxBodySize_fails() {
        assertThatThrownBy(() -> SqsSource.builder().maxBodySize(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxBodySize: 0 bytes given, at least 1 required");
    }

    @Test
    void builder_nestingDepthOutOfRange_fails() {
        assertThatThrownBy(() -> SqsSource.builder().maxNestingDepth(501))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxNestingDepth: 501 given, 1 to 500 allowed");
    }

    @Test
    void builder_maxConcurrentBatchCallsOutOfRange_fails() {
        assertThatThrownBy(() -> SqsSource.builder().maxConcurrentBatchCalls(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxConcurrentBatchCalls: 0 given, 1 to 32 allowed");
        assertThatThrownBy(() -> SqsSource.builder().maxConcurrentBatchCalls(33))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxConcurrentBatchCalls: 33 given, 1 to 32 allowed");
    }

    @Test
    void builder_relativeQueueUrl_fails() {
        assertThatThrownBy(() -> SqsSource.builder().queueUrl("logins"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("queueUrl: not an absolute http(s) URL");
    }

    @Test
    void builder_settingGivenTwice_fails() {
        assertThatThrownBy(() -> SqsSource.builder().queueUrl(QUEUE).queueUrl(QUEUE))
                .isInstanceOf(IllegalStateException.class).hasMessage("queueUrl: already set");
        assertThatThrownBy(() -> SqsSource.builder().maxMessages(5).maxMessages(5))
                .isInstanceOf(IllegalStateException.class).hasMessage("maxMessages: already set");
    }

    @Test
    void build_withoutQueueUrl_fails() {
        assertThatThrownBy(() -> SqsSource.builder().build())
                .isInstanceOf(IllegalStateException.class).hasMessage("queueUrl: required");
    }

    @Test
    void build_clientWithEndpointOverride_fails() {
        try (SqsClient client = SqsClient.builder().region(Region.US_EAST_1)
                .endpointOverride(URI.create("http://localhost:9324")).build()) {
            assertThatThrownBy(() -> SqsSource.builder().client(client).queueUrl(QUEUE)
                    .endpointOverride(URI.create("http://localhost:9324")).build())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("client: given together with region, endpointOverride or credentialsProvider, "
                            + "which configure a client the source builds; set them on your client instead");
        }
    }

    @Test
    void build_customDecoderWithNestingDepth_fails() {
        assertThatThrownBy(() -> SqsSource.builder().queueUrl(QUEUE).maxNestingDepth(8)
                .decoder(body -> Outcome.accept(Record.empty())).build())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("maxNestingDepth: applies to the JSON decoder, not to a custom one");
    }
}
