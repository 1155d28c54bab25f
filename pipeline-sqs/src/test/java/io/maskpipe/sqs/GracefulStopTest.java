package io.maskpipe.sqs;

import static org.assertj.core.api.Assertions.assertThat;

import io.maskpipe.core.Pipeline;
import io.maskpipe.core.PipelineSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** SIGTERM to a pipeline service mid-drain: it stops within its grace period and accounts for every message. */
class GracefulStopTest {
    @RegisterExtension
    static final ElasticMq SQS = new ElasticMq();

    @Test
    @DisabledOnOs(OS.WINDOWS) // Process.destroy() is SIGTERM on Unix only
    void sigterm_midDrain_stopsGracefullyAndEveryMessageIsAccounted(@TempDir Path dir) throws Exception {
        String queue = SQS.newQueue(Duration.ofSeconds(30)); // long: nothing may come back by its timeout alone
        List<String> sent = Ledger.send(SQS, queue, 300, Set.of(), null);
        Path ledger = dir.resolve("ledger.txt");
        Path err = dir.resolve("child.err");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), GracefulStopMain.class.getName(),
                SQS.endpoint().toString(), queue, ledger.toString())
                .redirectError(err.toFile()).redirectOutput(dir.resolve("child.out").toFile()).start();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (FileLedgerSink.read(ledger).size() < 50 && System.nanoTime() < deadline && child.isAlive()) {
                Thread.sleep(50);
            }
            assertThat(FileLedgerSink.read(ledger).size()).as("child wrote before the signal").isBetween(50, 299);

            child.destroy(); // SIGTERM
            assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("child ended").isTrue();

            assertThat(child.exitValue()).isEqualTo(143);
            Map<String, Long> counts = summaryOf(Files.readString(err));
            List<String> written = FileLedgerSink.read(ledger);
            assertThat(counts.get("written")).isEqualTo(written.size());
            assertThat(counts.get("received")).isEqualTo(counts.get("written") + counts.get("duplicates")
                    + counts.get("rejected") + counts.get("released"));
            assertThat(counts.get("hidden")).isZero();
            assertThat(SQS.depth(queue)).as("the rest is on the queue").isEqualTo(300 - written.size());
            assertThat(visible(queue)).as("released: visible at once, none hidden").isEqualTo(300 - written.size());
        } finally {
            child.destroyForcibly();
        }
        int byChild = FileLedgerSink.read(ledger).size();

        PipelineSummary rest = restart(queue, ledger);

        assertThat(rest.received()).isEqualTo(300 - byChild);
        assertThat(rest.written()).isEqualTo(300 - byChild);
        List<String> all = FileLedgerSink.read(ledger);
        assertThat(all).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(sent);
        assertThat(SQS.depth(queue)).isZero();
    }

    private static int visible(String queue) {
        return Integer.parseInt(SQS.client().getQueueAttributes(r -> r.queueUrl(queue).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES)).attributes()
                .get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
    }

    private static PipelineSummary restart(String queue, Path ledger) {
        return Pipeline.from(SqsSource.of(SQS.client(), queue)).mask("ip", SqsFaultScenariosTest.MASK)
                .pollWait(Duration.ZERO).to(new FileLedgerSink(ledger, Duration.ZERO)).run();
    }

    /** Reads the counts from the line the shutdown hook printed. */
    private static Map<String, Long> summaryOf(String stderr) {
        Matcher line = Pattern.compile("maskpipe: stopped at shutdown: (.*)").matcher(stderr);
        assertThat(line.find()).as("summary printed: " + stderr).isTrue();
        Map<String, Long> counts = new HashMap<>();
        Matcher pair = Pattern.compile("(\\w+)=(\\d+)(?=[ ,]|$)").matcher(line.group(1));
        while (pair.find()) {
            counts.putIfAbsent(pair.group(1), Long.parseLong(pair.group(2)));
        }
        return counts;
    }
}
