package io.sqspiietl.pipeline;

import io.sqspiietl.source.QueueMessage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The messages this run has received and not yet deleted or given back, and the memory they hold:
 * what a drain must wait for, what the queue upkeep keeps hidden from other consumers, and
 * the budget that bounds memory in bytes, whatever the size of the messages. Thread-safe.
 *
 * <p>A receiver reserves room for what its next receive may bring before it asks the queue, and
 * waits while the budget is full. The messages it receives are held from then on; once the receive is
 * processed, the reservation is replaced by what the messages really hold, which is released when they
 * are deleted or given back. When nothing is in flight a reservation is granted whatever its size, so
 * a message larger than the budget still goes through, alone.
 */
final class InFlight {
    private final long budgetBytes;
    /** Keyed by receipt handle, which is unique per receive, unlike the MessageId. */
    private final Map<String, Held> messages = new ConcurrentHashMap<>();
    /** Bytes of held messages plus outstanding reservations; guarded by {@code this}. */
    private long committedBytes;

    private record Held(QueueMessage message, Instant since, long bytes) {
    }

    /** @param budgetBytes the most bytes held and reserved at once (at least 1) */
    InFlight(long budgetBytes) {
        if (budgetBytes < 1) {
            throw new IllegalArgumentException("in-flight budget must be at least 1 byte, was " + budgetBytes);
        }
        this.budgetBytes = budgetBytes;
    }

    /**
     * Reserves {@code bytes}, waiting while they do not fit beside what is held and reserved.
     *
     * @return whether the caller had to wait: the budget, not the queue, was the limit
     */
    synchronized boolean reserve(long bytes) throws InterruptedException {
        boolean waited = false;
        while (committedBytes > 0 && committedBytes + bytes > budgetBytes) {
            waited = true;
            wait();
        }
        committedBytes += bytes;
        return waited;
    }

    /** Returns a reservation that brought nothing (an empty or failed receive). */
    synchronized void cancel(long reservation) {
        release(reservation);
    }

    /**
     * Holds the messages of one receive as they arrive, before they are processed: they are in flight
     * from now on (for the drain and the visibility upkeep), and their reservation stands for their memory.
     */
    void hold(List<QueueMessage> received, Instant receivedAt) {
        for (QueueMessage message : received) {
            messages.put(message.receiptHandle(), new Held(message, receivedAt, 0));
        }
    }

    /** Counts the processed items of one receive held before, in place of the reservation made for it. */
    void admit(List<Item> items, long reservation) {
        long bytes = 0;
        for (Item item : items) {
            if (messages.computeIfPresent(item.message().receiptHandle(),
                    (handle, held) -> new Held(held.message(), held.since(), item.bytes())) != null) {
                bytes += item.bytes();
            }
        }
        synchronized (this) {
            committedBytes += bytes;
            release(reservation);
        }
    }

    /** Stops holding messages that were deleted or given back. */
    void removed(List<QueueMessage> done) {
        long bytes = 0;
        for (QueueMessage message : done) {
            Held held = messages.remove(message.receiptHandle());
            if (held != null) {
                bytes += held.bytes();
            }
        }
        synchronized (this) {
            release(bytes);
        }
    }

    int size() {
        return messages.size();
    }

    /** Bytes held and reserved right now. */
    synchronized long bytes() {
        return committedBytes;
    }

    long budgetBytes() {
        return budgetBytes;
    }

    /** Messages held since before {@code cutoff}, whose visibility is about to run out. */
    List<QueueMessage> heldSince(Instant cutoff) {
        return messages.values().stream()
                .filter(held -> held.since().isBefore(cutoff))
                .map(Held::message)
                .toList();
    }

    /** Restarts the clock of messages whose visibility was just extended. */
    void renewed(List<QueueMessage> extended, Instant now) {
        for (QueueMessage message : extended) {
            messages.computeIfPresent(message.receiptHandle(), (handle, held) -> new Held(message, now, held.bytes()));
        }
    }

    private void release(long bytes) {
        committedBytes -= bytes;
        notifyAll();
    }
}
