package io.sqspiietl.pipeline;

import io.sqspiietl.pipeline.PipelineListener.Stage;
import io.sqspiietl.source.DeleteResult;
import io.sqspiietl.source.MessageSource;
import io.sqspiietl.source.QueueMessage;
import io.sqspiietl.source.SourceException;
import io.sqspiietl.source.SqsBatches;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes committed messages from the queue on threads of its own, ten per call, so that neither the
 * writer nor the receivers wait for it. Threads are started as deletes arrive, up to a maximum, and end
 * when idle: the number of calls under way follows the commit rate times the queue's round trip.
 *
 * <p>A delete the source could not complete (an outage outlasting its own retries, or entries the
 * queue failed on its side) is tried again with backoff for as long as the receipt handles are likely
 * still valid. Past that the commit still stands: the messages come back after their visibility timeout
 * and the ledger skips them. Thread-safe.
 */
final class Deleter {
    /** How long a failing delete is tried; past that the message's visibility has likely run out. */
    static final Duration RETRY_WINDOW = Duration.ofSeconds(20);
    private static final long IDLE_THREAD_SECONDS = 5;
    private static final long DRAIN_SECONDS = 30;
    private static final Logger LOG = LoggerFactory.getLogger(Deleter.class);

    private final MessageSource source;
    private final InFlight inFlight;
    private final RunCounts counts;
    private final PipelineListener listener;
    private final Incident outage;
    private final ThreadPoolExecutor threads;
    private final AtomicInteger active = new AtomicInteger();

    Deleter(MessageSource source, InFlight inFlight, RunCounts counts, PipelineListener listener,
            Incident outage, int maxThreads) {
        this.source = source;
        this.inFlight = inFlight;
        this.counts = counts;
        this.listener = listener;
        this.outage = outage;
        this.threads = new ThreadPoolExecutor(maxThreads, maxThreads, IDLE_THREAD_SECONDS, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), Threads.named("deleter"));
        this.threads.allowCoreThreadTimeOut(true);
    }

    /** Deletes the committed messages; returns at once. */
    void delete(List<QueueMessage> committed) {
        for (List<QueueMessage> chunk : SqsBatches.chunks(committed)) {
            List<QueueMessage> copy = List.copyOf(chunk);
            threads.execute(() -> deleteChunk(copy));
        }
    }

    /** Delete calls under way now. */
    int active() {
        return active.get();
    }

    /** Waits for the deletes handed over so far, at most {@value #DRAIN_SECONDS} s. */
    void close() {
        threads.shutdown();
        try {
            if (!threads.awaitTermination(DRAIN_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("deletes still pending at exit; those messages will be redelivered and skipped");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void deleteChunk(List<QueueMessage> chunk) {
        active.incrementAndGet();
        Backoff backoff = new Backoff();
        long giveUpAt = System.nanoTime() + RETRY_WINDOW.toNanos();
        List<QueueMessage> pending = chunk;
        try {
            while (true) {
                try {
                    DeleteResult result = source.delete(pending);
                    counts.deleted(result.deleted());
                    inFlight.removed(pending.stream().filter(message -> !result.retryable().contains(message)).toList());
                    listener.succeeded(Stage.DELETE);
                    outage.succeeded();
                    pending = result.retryable();
                } catch (SourceException e) {
                    listener.failed(Stage.DELETE, FailureKinds.of(e));
                    outage.failed(e.getMessage());
                    if (!e.isTransient()) {
                        return;
                    }
                }
                if (pending.isEmpty() || System.nanoTime() > giveUpAt) {
                    return;
                }
                Threads.sleep(backoff.next());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            inFlight.removed(pending);
            active.decrementAndGet();
        }
    }
}
