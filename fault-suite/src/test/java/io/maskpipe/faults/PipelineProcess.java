package io.maskpipe.faults;

import io.maskpipe.core.PipelineSummary;
import io.maskpipe.postgres.PostgresSink;
import io.maskpipe.sqs.SqsDeadLetters;
import io.maskpipe.sqs.SqsSource;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The pipeline of {@link Scenario} in a JVM of its own, so a test can kill it with SIGKILL
 * ({@link Process#destroyForcibly()}) as an orchestrator would. Arguments: the SQS endpoint, the queue URL, the
 * dead-letter queue URL and the JDBC URL. Prints its summary when the run ends.
 */
final class PipelineProcess {
    private PipelineProcess() {
    }

    public static void main(String[] args) {
        try (SqsClient sqs = Servers.newSqsClient(URI.create(args[0]));
             SqsSource source = SqsSource.builder().client(sqs).queueUrl(args[1]).build();
             PostgresSink sink = Scenario.sink(args[3])) {
            System.out.println("running");
            PipelineSummary summary = Scenario.stage(source, SqsDeadLetters.of(sqs, args[2])).to(sink).run();
            System.out.println("done: " + summary);
        }
    }

    /** Starts the pipeline of a scenario in a child JVM with this JVM's class path; its output goes to a file. */
    static Process start(Scenario scenario, Path log) throws IOException {
        String java = ProcessHandle.current().info().command().orElse(System.getProperty("java.home")
                + File.separator + "bin" + File.separator + "java");
        List<String> command = List.of(java, "-cp", System.getProperty("java.class.path"),
                PipelineProcess.class.getName(), scenario.sqsEndpoint().toString(), scenario.queueUrl(),
                scenario.deadLetterQueueUrl(), scenario.database().url());
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }
}
