package io.sqspiietl.pipeline;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The buffer between receivers and the writer, and the cutting of what it holds into batches.
 *
 * <p>The buffer holds whole receives, not single messages, so a handoff (and the thread wake-up it may
 * cost) is paid once per receive, and it is bounded, so a slow database slows the receivers instead
 * of growing memory. A batch takes receives until it is full or has lingered long enough; the part of
 * a receive that does not fit opens the next batch, so a batch never exceeds its size and the order of
 * messages within a receive is kept.
 *
 * <p>{@link #put} is thread-safe; {@link #next} belongs to the one writer thread.
 */
final class Batcher {
    /** How long {@link #next} waits for a first receive before it returns an empty batch. */
    static final Duration IDLE_POLL = Duration.ofMillis(100);

    private final int batchSize;
    private final Duration linger;
    private final BlockingQueue<List<Item>> buffer;
    /** The writer's: the part of a receive that did not fit the last batch. */
    private List<Item> leftover = List.of();

    /** @param capacity how many receives the buffer holds before {@link #put} waits */
    Batcher(int batchSize, Duration linger, int capacity) {
        this.batchSize = batchSize;
        this.linger = linger;
        this.buffer = new ArrayBlockingQueue<>(capacity);
    }

    /** Makes a {@link #next} under way return at once, with what it has: the run is ending. */
    void wake() {
        buffer.offer(List.of());
    }

    /** Hands over the processed messages of one receive if there is room; returns false if there was none. */
    boolean offer(List<Item> receive) {
        return buffer.offer(receive);
    }

    /** Hands over the processed messages of one receive, waiting while the buffer is full. */
    void put(List<Item> receive) throws InterruptedException {
        buffer.put(receive);
    }

    /**
     * The next batch, in the order of the receives: waits up to {@link #IDLE_POLL} for a first receive,
     * then up to the linger time for more, until the batch size is reached.
     *
     * @return at most the batch size of items; empty if nothing arrived
     */
    List<Item> next() throws InterruptedException {
        List<Item> batch = new ArrayList<>(batchSize);
        List<Item> first = leftover.isEmpty() ? buffer.poll(IDLE_POLL.toMillis(), TimeUnit.MILLISECONDS) : leftover;
        if (first == null || first.isEmpty()) {
            return batch;
        }
        addWhatFits(batch, first);
        long deadline = System.nanoTime() + linger.toNanos();
        while (batch.size() < batchSize) {
            // Past the deadline this still takes a receive already waiting; it only stops waiting for more.
            List<Item> more = buffer.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (more == null || more.isEmpty()) {
                break;
            }
            addWhatFits(batch, more);
        }
        return batch;
    }

    /** True when nothing is buffered and nothing is left over for the next batch. */
    boolean isEmpty() {
        return leftover.isEmpty() && buffer.isEmpty();
    }

    private void addWhatFits(List<Item> batch, List<Item> items) {
        int room = batchSize - batch.size();
        batch.addAll(items.subList(0, Math.min(room, items.size())));
        leftover = items.size() > room ? items.subList(room, items.size()) : List.of();
    }
}
