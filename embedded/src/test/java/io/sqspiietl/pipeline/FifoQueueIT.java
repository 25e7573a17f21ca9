package io.sqspiietl.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.sqspiietl.masking.MaskingKeyset;
import io.sqspiietl.sink.DatabaseSettings;
import io.sqspiietl.source.MessageSource;
import io.sqspiietl.source.QueueBacklog;
import io.sqspiietl.source.QueueMessage;
import io.sqspiietl.source.SqsProtocol;
import io.sqspiietl.testing.Await;
import io.sqspiietl.testing.LoaderProcess;
import io.sqspiietl.testing.TestLoaders;
import io.sqspiietl.testing.TestServices;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * FIFO queues: SQS hands out a message group's next messages only once the earlier ones are deleted,
 * and the pipeline deletes only after the commit, so each group's order is the table's commit order.
 * The order is read back as the order in which rows were written: by transaction, then by position.
 */
class FifoQueueIT {
    private static final int GROUPS = 5;

    @TempDir
    Path dir;

    private String jdbcUrl;

    @BeforeEach
    void freshDatabase() {
        jdbcUrl = TestServices.newDatabase();
    }

    @Test
    void aDrainKeepsTheOrderWithinEachMessageGroup() throws Exception {
        String queueUrl = fifoQueue(Map.of());
        send(queueUrl, 60);

        RunSummary summary;
        try (Loader loader = TestLoaders.open(TestServices.sqsSettings(queueUrl, SqsProtocol.JSON), new DatabaseSettings(jdbcUrl, null, null),
                MaskingKeyset.generate(), PipelineSettings.defaults(true), Clock.systemUTC())) {
            summary = loader.run();
        }

        assertThat(summary.loaded()).isEqualTo(GROUPS * 60);
        assertThat(summary.deleted()).isEqualTo(GROUPS * 60);
        assertOrderKeptInEveryGroup(60);
        assertThat(TestServices.backlog(queueUrl)).isEqualTo(new QueueBacklog(0, 0, 0));
    }

    @Test
    void messagesRedeliveredAfterALoaderDiedDoNotOvertakeLaterOnesOfTheirGroup() throws Exception {
        String queueUrl = fifoQueue(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "2"));
        send(queueUrl, 200);
        Path keyset = dir.resolve("keyset.json");
        MaskingKeyset.generate().writeNew(keyset);
        String[] run = {"--until-empty", "--queue-url", queueUrl, "--jdbc-url", jdbcUrl, "--keyset", keyset.toString()};
        TestServices.installSchema(jdbcUrl);

        try (LoaderProcess loader = LoaderProcess.run(run)) {
            Await.until(Duration.ofMinutes(1), () -> TestServices.count(jdbcUrl, "SELECT count(*) FROM user_logins") >= 300);
            loader.kill(); // whatever it held uncommitted comes back after the 2 s visibility timeout
        }
        try (LoaderProcess loader = LoaderProcess.run(run)) {
            assertThat(loader.awaitExit(Duration.ofMinutes(2))).as("second run").isZero();
        }

        assertThat(TestServices.count(jdbcUrl, "SELECT count(*) FROM user_logins")).isEqualTo(GROUPS * 200);
        assertOrderKeptInEveryGroup(200);
        assertThat(TestServices.backlog(queueUrl)).isEqualTo(new QueueBacklog(0, 0, 0));
    }

    @Test
    void aReceiveRepeatedWithItsAttemptIdHandsOutTheSameMessages() throws Exception {
        String queueUrl = fifoQueue(Map.of());
        send(queueUrl, 3);
        try (MessageSource source = TestServices.messageSource(queueUrl, SqsProtocol.JSON)) {
            List<String> first = ids(source.receive(Duration.ofSeconds(1), "attempt-1"));
            List<String> repeated = ids(source.receive(Duration.ofSeconds(1), "attempt-1"));
            List<String> next = ids(source.receive(Duration.ofSeconds(1), "attempt-2"));

            assertThat(first).hasSize(10);
            assertThat(repeated).as("as if the first answer had been lost").isEqualTo(first);
            assertThat(next).doesNotContainAnyElementsOf(first);
        }
    }

    private static String fifoQueue(Map<QueueAttributeName, String> attributes) {
        Map<QueueAttributeName, String> fifo = new LinkedHashMap<>(attributes);
        fifo.put(QueueAttributeName.FIFO_QUEUE, "true");
        fifo.put(QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "true");
        String name = "fifo-" + System.nanoTime() + ".fifo";
        return TestServices.sqs().client().createQueue(request -> request.queueName(name).attributes(fifo)).queueUrl();
    }

    /** {@code perGroup} events in each group, their user_id {@code g<group>-<sequence>}, sent interleaved. */
    private static void send(String queueUrl, int perGroup) {
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int sequence = 0; sequence < perGroup; sequence++) {
            for (int group = 0; group < GROUPS; group++) {
                String userId = String.format("g%d-%04d", group, sequence);
                entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(entries.size() % 10))
                        .messageGroupId("group-" + group).messageBody("{\"user_id\": \"" + userId + "\"}").build());
                if (entries.size() == 10) {
                    List<SendMessageBatchRequestEntry> batch = List.copyOf(entries);
                    TestServices.sqs().client().sendMessageBatch(request -> request.queueUrl(queueUrl).entries(batch));
                    entries.clear();
                }
            }
        }
        if (!entries.isEmpty()) {
            TestServices.sqs().client().sendMessageBatch(request -> request.queueUrl(queueUrl).entries(entries));
        }
    }

    /** Each group's rows, in the order they were written, are its messages in the order they were sent, once each. */
    private void assertOrderKeptInEveryGroup(int perGroup) throws Exception {
        Map<String, List<String>> byGroup = new LinkedHashMap<>();
        try (Connection connection = DriverManager.getConnection(jdbcUrl);
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT user_id FROM user_logins ORDER BY xmin::text::bigint, ctid")) {
            while (rs.next()) {
                String userId = rs.getString(1);
                byGroup.computeIfAbsent(userId.substring(0, 2), group -> new ArrayList<>()).add(userId);
            }
        }
        assertThat(byGroup).hasSize(GROUPS);
        byGroup.forEach((group, written) -> assertThat(written).as("group %s in written order", group)
                .hasSize(perGroup).isSorted().doesNotHaveDuplicates());
    }

    private static List<String> ids(List<QueueMessage> messages) {
        return messages.stream().map(QueueMessage::messageId).toList();
    }
}
