package io.sqspiietl.pipeline;

import io.sqspiietl.source.QueueMessage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The messages this run has received and not yet deleted or given back: what a drain must wait for,
 * and what the visibility heartbeat keeps hidden from other consumers. Thread-safe.
 */
final class InFlight {
    /** Keyed by receipt handle, which is unique per receive, unlike the MessageId. */
    private final Map<String, Received> messages = new ConcurrentHashMap<>();

    private record Received(QueueMessage message, Instant receivedAt) {
    }

    void added(List<QueueMessage> received, Instant now) {
        for (QueueMessage message : received) {
            messages.put(message.receiptHandle(), new Received(message, now));
        }
    }

    void removed(List<QueueMessage> done) {
        for (QueueMessage message : done) {
            messages.remove(message.receiptHandle());
        }
    }

    int size() {
        return messages.size();
    }

    /** Messages received before {@code cutoff}, whose visibility is about to run out. */
    List<QueueMessage> receivedBefore(Instant cutoff) {
        return messages.values().stream()
                .filter(received -> received.receivedAt().isBefore(cutoff))
                .map(Received::message)
                .toList();
    }

    /** Restarts the clock of messages whose visibility was just extended. */
    void renewed(List<QueueMessage> extended, Instant now) {
        for (QueueMessage message : extended) {
            messages.computeIfPresent(message.receiptHandle(), (handle, received) -> new Received(message, now));
        }
    }
}
