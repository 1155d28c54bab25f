package io.maskpipe.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskpipe.core.PipelineSummary;
import io.maskpipe.core.record.Record;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * What the fault scenarios send and check at the end: every sent message is exactly one stored record or exactly one
 * dead letter, and a run's summary adds up.
 */
final class Ledger {
    private Ledger() {
    }

    /** Sends {@code n} login messages (those at {@code malformed} positions are not JSON); returns their ids. */
    static List<String> send(ElasticMq sqs, String queue, int n, Set<Integer> malformed, String group) {
        List<String> ids = new java.util.ArrayList<>(n);
        for (int start = 0; start < n; start += 10) {
            List<SendMessageBatchRequestEntry> entries = new java.util.ArrayList<>();
            for (int i = start; i < Math.min(n, start + 10); i++) {
                String body = malformed.contains(i) ? "{\"n\":"
                        : "{\"user_id\":\"u" + i + "\",\"ip\":\"10.0." + (i / 250) + "." + (i % 250) + "\",\"seq\":"
                        + i + "}";
                SendMessageBatchRequestEntry.Builder entry = SendMessageBatchRequestEntry.builder()
                        .id(Integer.toString(i - start)).messageBody(body);
                if (group != null) {
                    entry.messageGroupId(group).messageDeduplicationId("d" + i);
                }
                entries.add(entry.build());
            }
            var response = sqs.client().sendMessageBatch(r -> r.queueUrl(queue).entries(entries));
            assertThat(response.failed()).isEmpty();
            response.successful().stream().sorted(java.util.Comparator.comparingInt(s -> Integer.parseInt(s.id())))
                    .forEach(s -> ids.add(s.messageId()));
        }
        return ids;
    }

    /** The message ids of the stored records, checked to hold no id twice. */
    static Set<String> stored(List<Record> records) {
        List<String> ids = records.stream().map(r -> r.metadata().messageId().orElseThrow()).toList();
        assertThat(ids).as("records stored twice").doesNotHaveDuplicates();
        return new LinkedHashSet<>(ids);
    }

    /** The source message ids of the dead letters, checked to hold no id twice. */
    static Set<String> deadLettered(List<Message> letters) {
        List<String> ids = letters.stream()
                .map(m -> m.messageAttributes().get(SqsDeadLetters.SOURCE_MESSAGE_ID).stringValue()).toList();
        assertThat(ids).as("dead letters stored twice").doesNotHaveDuplicates();
        return new LinkedHashSet<>(ids);
    }

    /**
     * Checks that every sent message is exactly one record or exactly one dead letter, the dead letters being the
     * expected ones, and that the source queue holds nothing any more.
     */
    static void assertEachExactlyOnce(ElasticMq sqs, String queue, List<String> sent, Set<String> records,
            Set<String> dead, Set<String> expectedDead) {
        Set<String> both = new HashSet<>(records);
        both.retainAll(dead);
        assertThat(both).as("both a record and a dead letter").isEmpty();
        Set<String> all = new HashSet<>(records);
        all.addAll(dead);
        assertThat(all).as("every sent message, once").containsExactlyInAnyOrderElementsOf(sent);
        assertThat(dead).as("dead letters").containsExactlyInAnyOrderElementsOf(expectedDead);
        assertThat(sqs.depth(queue)).as("left on the queue").isZero();
    }

    /** Checks a finished run's counts add up: every received message counted once. */
    static void assertAddsUp(PipelineSummary summary) {
        assertThat(summary.received()).as(summary.toString()).isEqualTo(summary.written() + summary.duplicates()
                + summary.rejected() + summary.released());
    }
}
