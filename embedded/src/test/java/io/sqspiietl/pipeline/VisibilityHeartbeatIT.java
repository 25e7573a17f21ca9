package io.sqspiietl.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.sqspiietl.sample.QueueSeeder;
import io.sqspiietl.source.QueueBacklog;
import io.sqspiietl.source.QueueMessage;
import io.sqspiietl.source.SqsMessageSource;
import io.sqspiietl.source.SqsProtocol;
import io.sqspiietl.testing.TestServices;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

class VisibilityHeartbeatIT {
    @Test
    void messagesHeldLongerThanTheThresholdStayInvisiblePastTheirTimeout() throws Exception {
        String queueUrl = TestServices.newQueue(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "2"));
        new QueueSeeder(TestServices.sqs().client(), queueUrl).send(List.of("{\"user_id\": \"a\"}", "{\"user_id\": \"b\"}"));
        try (var source = new SqsMessageSource(TestServices.sqsSettings(queueUrl, SqsProtocol.JSON).createClient(), queueUrl)) {
            List<QueueMessage> received = receiveAll(source, 2);
            InFlight inFlight = new InFlight();
            Instant receivedAt = Instant.parse("2026-01-01T00:00:00Z");
            inFlight.added(received.subList(0, 1), receivedAt);
            inFlight.added(received.subList(1, 2), receivedAt.plusSeconds(9));
            Clock tenSecondsLater = Clock.fixed(receivedAt.plus(VisibilityHeartbeat.EXTEND_AFTER).plusMillis(1), ZoneOffset.UTC);

            new VisibilityHeartbeat(source, inFlight, tenSecondsLater).run();
            Thread.sleep(3_000); // past the queue's own timeout of 2 s

            // Only the message held past the threshold was extended; the other one is visible again.
            assertThat(TestServices.backlog(queueUrl)).isEqualTo(new QueueBacklog(1, 1, 0));
            assertThat(inFlight.receivedBefore(receivedAt.plusSeconds(5))).isEmpty();
        }
    }

    private static List<QueueMessage> receiveAll(SqsMessageSource source, int count) throws Exception {
        List<QueueMessage> received = new ArrayList<>();
        while (received.size() < count) {
            received.addAll(source.receive(Duration.ofSeconds(1)));
        }
        return received;
    }
}
