package io.maskpipe.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskpipe.core.Maskers;
import io.maskpipe.core.Pipeline;
import io.maskpipe.core.key.Keyring;
import io.maskpipe.core.spi.Source;
import io.maskpipe.doccheck.DocSnippets;
import io.maskpipe.postgres.PostgresSink;
import io.maskpipe.sqs.SqsDeadLetters;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The handler example of docs/lambda.md and of {@link SqsBatchHandler}'s javadoc, compiled: both quote the marked
 * region word for word, which {@link #examples_markedRegion_isQuotedByThePageAndTheJavadoc} and
 * {@link #javadocExamples_everyBlock_isCopiedFromAMarkedRegion} check.
 */
class SqsBatchHandlerExamplesTest {
    private static final DocSnippets DOCS = DocSnippets.forThisModule();

    // --- docs/lambda.md, lambda/src/main/java/io/maskpipe/lambda/SqsBatchHandler.java: handler ---
    public final class UserLoginsHandler extends SqsBatchHandler {
        @Override
        protected Pipeline pipeline(Source messages) {
            Keyring keyring = Keyring.fromEnvironment("MASKPIPE_KEYS");
            SqsDeadLetters deadLetters = SqsDeadLetters.of(SqsClient.create(), System.getenv("DEAD_LETTER_QUEUE_URL"));
            return Pipeline.from(messages)
                    .require("user_id", "ip", "device_id")
                    .mask("ip", Maskers.hmac(keyring))
                    .mask("device_id", Maskers.hmac(keyring))
                    .deadLetters(deadLetters, keyring) // sealed with the key ring
                    .to(PostgresSink.into("user_logins").url(System.getenv("JDBC_URL")).build());
        }
    }
    // --- end ---

    @Test
    void examples_markedRegion_isQuotedByThePageAndTheJavadoc() {
        DOCS.assertQuoted(SqsBatchHandlerExamplesTest.class);
    }

    @Test
    void javadocExamples_everyBlock_isCopiedFromAMarkedRegion() {
        DOCS.assertJavadocExamplesQuoted(SqsBatchHandler.class);
    }

    @Test
    void example_handler_isAConcreteRequestHandler() {
        assertThat(new UserLoginsHandler()).isInstanceOf(com.amazonaws.services.lambda.runtime.RequestHandler.class)
                .hasToString("UserLoginsHandler[maskpipe SQS batch handler]");
    }
}
