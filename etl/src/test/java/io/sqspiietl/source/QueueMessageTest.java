package io.sqspiietl.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A message made from SQS's system attributes, as the SDK's receive and Lambda's SQS event carry them. */
class QueueMessageTest {
    @Test
    void sentTimestampIsEpochMillisecondsAndTheReceiveCountIsTaken() {
        QueueMessage message = QueueMessage.of("id-1", "handle-1", "{}", "1714978089123", "3");

        assertThat(message).isEqualTo(new QueueMessage("id-1", "handle-1", "{}", Instant.parse("2024-05-06T06:48:09.123Z"), 3));
    }

    @Test
    void missingOrGarbledSentTimestampGivesNoSendTimeAndAMissingCountIsAFirstReceive() {
        assertThat(QueueMessage.of("id-1", "h", "{}", null, null).sentAt()).isNull();
        assertThat(QueueMessage.of("id-1", "h", "{}", "yesterday", null).sentAt()).isNull();
        assertThat(QueueMessage.of("id-1", "h", "{}", null, null).receiveCount()).isEqualTo(1);
    }
}
