package io.maskpipe.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.maskpipe.examples.LoginEventGenerator;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

class ContenderProcessTest {
    @TempDir
    Path work;

    @Test
    void aChildThatEndsFailsTheRunWithItsExitCodeAndTheEndOfItsLog() {
        assertThatThrownBy(() -> ContenderProcess.start(Contender.SDK, SqsHttpClient.APACHE5, List.of("too", "few"),
                work))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SDK loop, apache5: the child JVM")
                .hasMessageContaining("exited with code 1 before it connected")
                .hasMessageContaining("usage: ContenderChildMain")
                .hasMessageContaining(work.resolve("contender-sdk-apache5.log").toString());
    }

    @Test
    void anSdkLoopInItsOwnJvmConsumesEveryQueueItIsGivenAndReportsEachPhaseWhileItsJvmPrintsCompilations()
            throws Exception {
        SQSRestServer server = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
        URI endpoint = URI.create("http://127.0.0.1:" + server.waitUntilStarted().localAddress().getPort());
        List<String> bodies = LoginEventGenerator.seeded(3, 0).next(400);
        List<String> childArgs = List.of(endpoint.toString(), "-", "-", Long.toString(ProcessHandle.current().pid()),
                "-1", "--threads", "2");
        try (SqsClient admin = SqsHttpClient.URL_CONNECTION.sqs(endpoint, 8);
             ContenderProcess child = ContenderProcess.start("SDK loop, apache5", command(childArgs),
                     work.resolve("child.log"))) {
            for (String name : List.of("first", "second")) {
                String queueUrl = admin.createQueue(r -> r.queueName(name)
                        .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "60"))).queueUrl();
                SqsLoops.fill(admin, queueUrl, bodies);

                PhaseResult result = child.run(queueUrl, bodies.size(), null);

                assertThat(result.name()).isEqualTo("SDK ceiling, apache5 (2 threads)");
                assertThat(result.messages()).isEqualTo(bodies.size());
                assertThat(result.steady().messages()).isPositive();
                assertThat(result.note()).contains("DeleteMessageBatch 10.0");
                Map<QueueAttributeName, String> left = admin.getQueueAttributes(r -> r.queueUrl(queueUrl)
                        .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
                assertThat(left.values()).containsOnly("0");
            }
        } finally {
            server.stopAndWait();
        }
    }

    /** The child as the harness starts it, with the JVM printing every compilation on its standard output. */
    private static List<String> command(List<String> childArgs) {
        List<String> command = new java.util.ArrayList<>(ContenderProcess.javaCommand());
        command.add(1, "-XX:+PrintCompilation");
        command.addAll(List.of(ContenderChildMain.class.getName(), Contender.SDK.id(), SqsHttpClient.APACHE5.label()));
        command.addAll(childArgs);
        return command;
    }
}
