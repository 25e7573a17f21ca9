package io.sqspiietl.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.sqspiietl.lambda.SqsEvents.Sent;
import io.sqspiietl.source.QueueMessage;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Lambda's SQS events, in Lambda's JSON, as the core's messages: the system attributes read as the SQS
 * source reads them, and the failures to report, with a FIFO group's order kept.
 */
class EventBatchTest {
    @Test
    void standardQueueEventGivesMessagesWithSentTimestampAndReceiveCount() {
        EventBatch batch = EventBatch.of(SqsEvents.load("events/sqs-standard.json"));

        assertThat(batch.fifo()).isFalse();
        assertThat(batch.messages()).extracting(QueueMessage::messageId, QueueMessage::sentAt, QueueMessage::receiveCount)
                .containsExactly(
                        tuple("059f36b4-87a3-44ab-83d2-661975830a7d",
                                Instant.parse("2024-05-06T06:48:09.123Z"), 1),
                        tuple("2e1424d4-f796-459a-8184-9c92662be6da",
                                Instant.parse("2024-05-06T06:48:09.456Z"), 3));
        assertThat(batch.messages().get(1).body()).isEqualTo("{\"foo\": \"oops_wrong_msg_type\", \"bar\": \"123\"}");
    }

    @Test
    void fifoQueueIsToldByItsArnOrByTheMessageGroupId() {
        assertThat(EventBatch.of(SqsEvents.load("events/sqs-fifo.json")).fifo()).isTrue();
        SQSEvent groupsOnly = SqsEvents.event(SqsEvents.STANDARD_QUEUE, List.of(Sent.inGroup("g", "{}")));
        assertThat(EventBatch.of(groupsOnly).fifo()).isTrue();
        SQSEvent arnOnly = SqsEvents.event(SqsEvents.FIFO_QUEUE, List.of(Sent.of("{}")));
        assertThat(EventBatch.of(arnOnly).fifo()).isTrue();
    }

    @Test
    void onAStandardQueueOnlyTheMessagesHeldBackFail() {
        EventBatch batch = EventBatch.of(SqsEvents.event(SqsEvents.STANDARD_QUEUE,
                List.of(Sent.of("a1"), Sent.of("b1"), Sent.of("a2"), Sent.of("b2"))));
        List<QueueMessage> messages = batch.messages();

        assertThat(batch.failedIds(List.of(messages.get(1), messages.get(3))))
                .containsExactly(messages.get(1).messageId(), messages.get(3).messageId());
        assertThat(batch.failedIds(List.of())).isEmpty();
    }

    @Test
    void onAFifoQueueAGroupsFirstFailureFailsTheRestOfThatGroupOnly() {
        EventBatch batch = EventBatch.of(SqsEvents.event(SqsEvents.FIFO_QUEUE, List.of(
                Sent.inGroup("a", "a1"), Sent.inGroup("b", "b1"), Sent.inGroup("a", "a2"), Sent.inGroup("b", "b2"),
                Sent.inGroup("a", "a3"))));
        List<QueueMessage> messages = batch.messages();

        List<String> failed = batch.failedIds(List.of(messages.get(0)));

        assertThat(failed).containsExactly(messages.get(0).messageId(), messages.get(2).messageId(),
                messages.get(4).messageId());
    }

    @Test
    void anEventWithoutRecordsIsAnEmptyBatch() {
        assertThat(EventBatch.of(new SQSEvent()).messages()).isEmpty();
    }
}
