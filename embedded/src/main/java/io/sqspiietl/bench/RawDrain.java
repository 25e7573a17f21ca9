package io.sqspiietl.bench;

import io.sqspiietl.source.MessageSource;
import io.sqspiietl.source.QueueMessage;
import io.sqspiietl.source.SourceException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The ceiling: receive ten and delete them, with the same concurrency and the same requests as the
 * pipeline (concurrent receivers, deletes handed to as many deleter threads) and no processing at all.
 */
final class RawDrain {
    private static final Duration WAIT = Duration.ofSeconds(1);

    private final MessageSource source;
    private final int concurrency;
    private final AtomicLong deleted = new AtomicLong();
    private final AtomicLong lastDeleteNanos = new AtomicLong();
    private final AtomicInteger consecutiveEmpty = new AtomicInteger();
    private final AtomicInteger pendingDeletes = new AtomicInteger();

    RawDrain(MessageSource source, int concurrency) {
        this.source = source;
        this.concurrency = concurrency;
    }

    /** Drains the queue and returns how many messages were deleted and how long that took. */
    Measurement drain() throws InterruptedException, SourceException {
        ExecutorService deleters = Executors.newFixedThreadPool(concurrency);
        ExecutorService receivers = Executors.newFixedThreadPool(concurrency);
        CountDownLatch done = new CountDownLatch(1);
        long start = System.nanoTime();
        for (int i = 0; i < concurrency; i++) {
            receivers.execute(() -> receiveLoop(deleters, done));
        }
        while (!done.await(200, TimeUnit.MILLISECONDS)) {
            if (consecutiveEmpty.get() >= 2 * concurrency && pendingDeletes.get() == 0 && source.backlog().isEmpty()) {
                done.countDown();
            }
        }
        receivers.shutdown();
        deleters.shutdown();
        receivers.awaitTermination(1, TimeUnit.MINUTES);
        deleters.awaitTermination(1, TimeUnit.MINUTES);
        return new Measurement(deleted.get(), Duration.ofNanos(lastDeleteNanos.get() - start));
    }

    private void receiveLoop(ExecutorService deleters, CountDownLatch done) {
        while (done.getCount() > 0) {
            List<QueueMessage> messages;
            try {
                messages = source.receive(WAIT);
            } catch (SourceException e) {
                throw new IllegalStateException("raw drain receive failed: " + e.getMessage(), e);
            }
            if (messages.isEmpty()) {
                consecutiveEmpty.incrementAndGet();
                continue;
            }
            consecutiveEmpty.set(0);
            pendingDeletes.incrementAndGet();
            deleters.execute(() -> delete(messages));
        }
    }

    private void delete(List<QueueMessage> messages) {
        try {
            deleted.addAndGet(source.delete(messages));
            lastDeleteNanos.set(System.nanoTime());
        } catch (SourceException e) {
            throw new IllegalStateException("raw drain delete failed: " + e.getMessage(), e);
        } finally {
            pendingDeletes.decrementAndGet();
        }
    }
}
