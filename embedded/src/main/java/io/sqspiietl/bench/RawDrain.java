package io.sqspiietl.bench;

import io.sqspiietl.source.MessageSource;
import io.sqspiietl.source.QueueMessage;
import io.sqspiietl.source.SourceException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The ceiling: with the pipeline's concurrency, workers receive ten messages at a time and delete
 * them with one DeleteMessageBatch, through the same source and the same requests as the pipeline,
 * with no processing at all. Two shapes: the plain loop (receive, delete, repeat), and one that hands
 * each delete to a thread of its own so receiving never waits for it, as the pipeline does.
 */
final class RawDrain {
    private static final Duration WAIT = Duration.ofSeconds(1);

    private final MessageSource source;
    private final int concurrency;
    private final boolean deletesOnOwnThreads;
    private final AtomicInteger pendingDeletes = new AtomicInteger();
    private final AtomicLong deleted = new AtomicLong();
    private final AtomicLong lastDeleteNanos = new AtomicLong();
    private final AtomicInteger consecutiveEmpty = new AtomicInteger();

    RawDrain(MessageSource source, int concurrency, boolean deletesOnOwnThreads) {
        this.source = source;
        this.concurrency = concurrency;
        this.deletesOnOwnThreads = deletesOnOwnThreads;
    }

    /** Drains the queue and returns how many messages were deleted and how long that took. */
    Measurement drain() throws InterruptedException, SourceException {
        ExecutorService workers = Executors.newFixedThreadPool(concurrency);
        ExecutorService deleters = Executors.newFixedThreadPool(concurrency);
        CountDownLatch done = new CountDownLatch(1);
        long start = System.nanoTime();
        for (int i = 0; i < concurrency; i++) {
            workers.execute(() -> drainLoop(done, deleters));
        }
        // Every worker came back empty twice and the queue is empty; the measurement ends at the last delete.
        while (!done.await(200, TimeUnit.MILLISECONDS)) {
            if (consecutiveEmpty.get() >= 2 * concurrency && pendingDeletes.get() == 0 && source.backlog().isEmpty()) {
                done.countDown();
            }
        }
        workers.shutdown();
        workers.awaitTermination(1, TimeUnit.MINUTES);
        deleters.shutdown();
        deleters.awaitTermination(1, TimeUnit.MINUTES);
        return new Measurement(deleted.get(), Duration.ofNanos(lastDeleteNanos.get() - start));
    }

    private void drainLoop(CountDownLatch done, ExecutorService deleters) {
        try {
            while (done.getCount() > 0) {
                List<QueueMessage> messages = source.receive(WAIT, UUID.randomUUID().toString());
                if (messages.isEmpty()) {
                    consecutiveEmpty.incrementAndGet();
                    continue;
                }
                consecutiveEmpty.set(0);
                pendingDeletes.incrementAndGet();
                if (deletesOnOwnThreads) {
                    deleters.execute(() -> delete(messages));
                } else {
                    delete(messages);
                }
            }
        } catch (SourceException e) {
            throw new IllegalStateException("raw drain receive failed: " + e.getMessage(), e);
        }
    }

    private void delete(List<QueueMessage> messages) {
        try {
            deleted.addAndGet(source.delete(messages).deleted());
            lastDeleteNanos.set(System.nanoTime());
        } catch (SourceException e) {
            throw new IllegalStateException("raw drain delete failed: " + e.getMessage(), e);
        } finally {
            pendingDeletes.decrementAndGet();
        }
    }
}
