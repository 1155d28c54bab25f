package io.maskpipe.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskpipe.core.PipelineSummary;
import io.maskpipe.sqs.SqsDeadLetters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The final assertion of every fault test: every message sent is exactly one row or exactly one dead letter with the
 * expected reason, none is left on the queue, and the runs' summaries count what the database and the queues hold.
 *
 * <p>{@code written} is compared exactly unless a commit's answer may have been lost: the retry then finds the rows
 * in the ledger and reports them duplicates (docs/postgres.md), so the rows lie between {@code written} and
 * {@code written + duplicates}.
 */
final class Accounting {
    private final Scenario scenario;
    private final List<PipelineSummary> summaries = new ArrayList<>();
    private long rowsOutsideSummaries;
    private boolean lostCommitRepliesPossible;

    private Accounting(Scenario scenario) {
        this.scenario = scenario;
    }

    static Accounting of(Scenario scenario) {
        return new Accounting(scenario);
    }

    /** The summaries of the runs that finished. */
    Accounting summaries(PipelineSummary... runs) {
        summaries.addAll(List.of(runs));
        return this;
    }

    /** Rows written by runs without a summary (a killed process, a run that failed). */
    Accounting rowsOutsideSummaries(long rows) {
        this.rowsOutsideSummaries = rows;
        return this;
    }

    /** Allows rows the summaries count as duplicates: the commit's answer was lost, the retry found them. */
    Accounting lostCommitRepliesPossible() {
        this.lostCommitRepliesPossible = true;
        return this;
    }


    void check() {
        Database database = scenario.database();
        if (!Waits.poll(Duration.ofSeconds(3), () -> scenario.queueDepth() == 0)) {
            throw new AssertionError("messages left on the queue, by number: " + leftOnTheQueue());
        }

        Map<String, Long> rows = new HashMap<>();
        for (List<String> row : database.query("SELECT message_id, count(*) FROM " + Scenario.TABLE
                + " GROUP BY message_id")) {
            rows.put(row.get(0), Long.parseLong(row.get(1)));
        }
        assertThat(rows).as("rows per message id: nothing doubled").allSatisfy((id, count) -> assertThat(count)
                .as("rows of message %s", id).isEqualTo(1L));
        assertThat(scenario.sent()).as("rows only for messages sent").containsKeys(rows.keySet().toArray(
                String[]::new));

        Map<String, List<String>> deadLetters = deadLetters();
        assertThat(deadLetters).as("dead letters per source message").allSatisfy((id, reasons) ->
                assertThat(reasons).as("dead letters of message %s", id).hasSize(1));

        for (Map.Entry<String, Integer> message : scenario.sent().entrySet()) {
            String id = message.getKey();
            String expectedReason = scenario.expectedDeadLetters().get(id);
            if (expectedReason == null) {
                assertThat(rows).as("message %s (number %d) is a row", id, message.getValue()).containsKey(id);
                assertThat(deadLetters).as("message %s is not dead-lettered", id).doesNotContainKey(id);
            } else {
                assertThat(deadLetters.get(id)).as("message %s (number %d) is dead-lettered", id,
                        message.getValue()).isNotEmpty().containsOnly(expectedReason);
                assertThat(rows).as("message %s is no row", id).doesNotContainKey(id);
            }
        }
        assertThat(database.count("SELECT count(*) FROM maskpipe_ledger")).as("ledger entries, one per row")
                .isEqualTo(rows.size());

        long written = summaries.stream().mapToLong(PipelineSummary::written).sum();
        long duplicates = summaries.stream().mapToLong(PipelineSummary::duplicates).sum();
        long deadLettered = summaries.stream().mapToLong(PipelineSummary::deadLettered).sum();
        if (lostCommitRepliesPossible) {
            assertThat((long) rows.size() - rowsOutsideSummaries).as("rows of the summarised runs, written %d, "
                    + "duplicates %d", written, duplicates).isBetween(written, written + duplicates);
        } else {
            assertThat(written + rowsOutsideSummaries).as("summaries' written count").isEqualTo(rows.size());
        }
        assertThat(deadLettered).as("summaries' dead-lettered count").isEqualTo(
                deadLetters.values().stream().mapToLong(List::size).sum());
    }

    /** Waits for the messages left to be visible again and returns their numbers (leaving them on the queue). */
    private List<Integer> leftOnTheQueue() {
        scenario.awaitNoneInFlight(scenario.visibility().plusSeconds(5));
        List<Integer> numbers = new ArrayList<>();
        while (true) {
            List<Message> batch = scenario.sqs().receiveMessage(r -> r.queueUrl(scenario.queueUrl())
                    .maxNumberOfMessages(10).waitTimeSeconds(0)).messages();
            if (batch.isEmpty()) {
                numbers.sort(null);
                return numbers;
            }
            batch.forEach(message -> numbers.add(scenario.sent().getOrDefault(message.messageId(), -1)));
        }
    }

    /** Reads every dead letter (they stay hidden for the dead-letter queue's visibility timeout afterwards). */
    private Map<String, List<String>> deadLetters() {
        Map<String, List<String>> bySource = new HashMap<>();
        while (true) {
            List<Message> batch = scenario.sqs().receiveMessage(r -> r.queueUrl(scenario.deadLetterQueueUrl())
                    .maxNumberOfMessages(10).waitTimeSeconds(0).messageAttributeNames("All")).messages();
            if (batch.isEmpty()) {
                return bySource;
            }
            for (Message letter : batch) {
                String source = letter.messageAttributes().get(SqsDeadLetters.SOURCE_MESSAGE_ID).stringValue();
                String reason = letter.messageAttributes().get(SqsDeadLetters.REASON).stringValue();
                bySource.computeIfAbsent(source, id -> new ArrayList<>()).add(reason);
            }
        }
    }
}
