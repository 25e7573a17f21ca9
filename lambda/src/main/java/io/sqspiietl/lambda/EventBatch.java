package io.sqspiietl.lambda;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import io.sqspiietl.source.QueueMessage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Lambda SQS event as the core's messages, in the event's order, and the failures to report for it.
 * The system attributes are read as the SQS source reads them ({@link QueueMessage#of}); a FIFO queue is
 * told by its {@code .fifo} ARN or by the {@code MessageGroupId} its messages carry. Never shows a body.
 */
final class EventBatch {
    static final String SENT_TIMESTAMP = "SentTimestamp";
    static final String RECEIVE_COUNT = "ApproximateReceiveCount";
    static final String MESSAGE_GROUP = "MessageGroupId";
    private static final String FIFO_SUFFIX = ".fifo";

    private final List<QueueMessage> messages;
    /** Each message's group on a FIFO queue; empty on a standard queue. */
    private final List<String> groups;

    private EventBatch(List<QueueMessage> messages, List<String> groups) {
        this.messages = messages;
        this.groups = groups;
    }

    static EventBatch of(SQSEvent event) {
        List<SQSMessage> records = event.getRecords() == null ? List.of() : event.getRecords();
        boolean fifo = records.stream().anyMatch(EventBatch::fromFifoQueue);
        List<QueueMessage> messages = new ArrayList<>(records.size());
        List<String> groups = new ArrayList<>();
        for (SQSMessage record : records) {
            Map<String, String> attributes = record.getAttributes() == null ? Map.of() : record.getAttributes();
            messages.add(QueueMessage.of(record.getMessageId(), record.getReceiptHandle(), record.getBody(),
                    attributes.get(SENT_TIMESTAMP), attributes.get(RECEIVE_COUNT)));
            if (fifo) {
                groups.add(String.valueOf(attributes.get(MESSAGE_GROUP)));
            }
        }
        return new EventBatch(List.copyOf(messages), List.copyOf(groups));
    }

    private static boolean fromFifoQueue(SQSMessage record) {
        return record.getEventSourceArn() != null && record.getEventSourceArn().endsWith(FIFO_SUFFIX)
                || record.getAttributes() != null && record.getAttributes().containsKey(MESSAGE_GROUP);
    }

    List<QueueMessage> messages() {
        return messages;
    }

    boolean fifo() {
        return !groups.isEmpty();
    }

    /**
     * The MessageIds to report as failed, in the event's order: those {@code heldBack} (not committed), and,
     * on a FIFO queue, every message after the first failure of its group, committed or not, so that the
     * group's order holds when Lambda hands them out again (the ledger skips those committed already).
     */
    List<String> failedIds(List<QueueMessage> heldBack) {
        Set<QueueMessage> notCommitted = Collections.newSetFromMap(new IdentityHashMap<>());
        notCommitted.addAll(heldBack);
        Set<String> failedGroups = new HashSet<>();
        List<String> failed = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            QueueMessage message = messages.get(i);
            boolean groupFailed = fifo() && failedGroups.contains(groups.get(i));
            if (notCommitted.contains(message) || groupFailed) {
                failed.add(message.messageId());
                if (fifo()) {
                    failedGroups.add(groups.get(i));
                }
            }
        }
        return failed;
    }
}
