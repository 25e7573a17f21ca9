package io.sqspiietl.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.sqspiietl.sample.QueueSeeder;
import io.sqspiietl.sink.QuarantineCause;
import io.sqspiietl.sink.SinkRecord;
import io.sqspiietl.source.QueueBacklog;
import io.sqspiietl.source.QueueMessage;
import io.sqspiietl.source.SqsMessageSource;
import io.sqspiietl.source.SqsProtocol;
import io.sqspiietl.testing.Await;
import io.sqspiietl.testing.TestServices;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

class QueueUpkeepIT {
    private static final Logger LOG = LoggerFactory.getLogger(QueueUpkeepIT.class);

    @Test
    void messagesHeldLongerThanTheThresholdStayInvisiblePastTheirTimeout() throws Exception {
        String queueUrl = TestServices.newQueue(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "2"));
        new QueueSeeder(TestServices.sqs().client(), queueUrl).send(List.of("{\"user_id\": \"a\"}", "{\"user_id\": \"b\"}"));
        try (var source = new SqsMessageSource(TestServices.sqsSettings(queueUrl, SqsProtocol.JSON).createClient(), queueUrl)) {
            List<QueueMessage> received = receiveAll(source, 2);
            InFlight inFlight = new InFlight(Long.MAX_VALUE);
            Instant receivedAt = Instant.parse("2026-01-01T00:00:00Z");
            inFlight.hold(List.of(received.get(0)), receivedAt);
            inFlight.hold(List.of(received.get(1)), receivedAt.plusSeconds(9));
            inFlight.admit(List.of(item(received.get(0)), item(received.get(1))), 0);
            Clock tenSecondsLater = Clock.fixed(receivedAt.plus(QueueUpkeep.EXTEND_AFTER).plusMillis(1), ZoneOffset.UTC);
            RunCounts counts = new RunCounts(tenSecondsLater);

            new QueueUpkeep(new Run(source, inFlight, counts, PipelineListener.NONE, new Incident(LOG, "SQS")),
                    tenSecondsLater).run();

            // The message not extended becomes visible when the queue's own 2 s run out; the extended one
            // (60 s) stays in flight well past that.
            Await.until(Duration.ofSeconds(10), () -> TestServices.backlog(queueUrl).visible() == 1);
            assertThat(TestServices.backlog(queueUrl)).isEqualTo(new QueueBacklog(1, 1, 0));
            assertThat(inFlight.heldSince(receivedAt.plusSeconds(5))).isEmpty();
            assertThat(inFlight.heldSince(receivedAt.plusSeconds(10))).containsExactly(received.get(1));
            assertThat(counts.lastBacklog()).as("the counts read in the same round").contains(new QueueBacklog(0, 2, 0));
        }
    }

    private static Item item(QueueMessage message) {
        return Item.of(message, new SinkRecord.Quarantine(message.messageId(), message.messageId(),
                QuarantineCause.rejected("parse", null, "not_json", null), message.sentAt(), 1, new byte[0]), 0);
    }

    private static List<QueueMessage> receiveAll(SqsMessageSource source, int count) throws Exception {
        List<QueueMessage> received = new ArrayList<>();
        while (received.size() < count) {
            received.addAll(source.receive(Duration.ofSeconds(1), "test"));
        }
        return received;
    }
}
