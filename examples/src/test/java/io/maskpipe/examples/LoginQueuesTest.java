package io.maskpipe.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskpipe.examples.LoginQueues.DeadLetterView;
import io.maskpipe.sqs.SqsDeadLetters;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

class LoginQueuesTest {

    @Test
    void peekDeadLetters_afterReading_leavesThemVisibleForTheNextReader() {
        try (LoginQueues queues = LoginQueues.embedded()) {
            for (int i = 0; i < 13; i++) { // more than one receive's worth
                String id = "source-" + i;
                queues.client().sendMessage(r -> r.queueUrl(queues.deadLetterQueueUrl()).messageBody("{}")
                        .messageAttributes(Map.of(SqsDeadLetters.SOURCE_MESSAGE_ID, text(id),
                                SqsDeadLetters.REASON, text("MISSING_FIELD"), SqsDeadLetters.RULE, text("required"))));
            }

            List<DeadLetterView> first = queues.peekDeadLetters();
            List<DeadLetterView> second = queues.peekDeadLetters();
            List<Message> plainRead = queues.client().receiveMessage(r -> r.queueUrl(queues.deadLetterQueueUrl())
                    .maxNumberOfMessages(10).waitTimeSeconds(0)).messages();

            assertThat(first).hasSize(13).extracting(DeadLetterView::reason).containsOnly("MISSING_FIELD");
            assertThat(second).containsExactlyInAnyOrderElementsOf(first);
            assertThat(plainRead).hasSize(10);
        }
    }

    private static MessageAttributeValue text(String value) {
        return MessageAttributeValue.builder().dataType("String").stringValue(value).build();
    }
}
