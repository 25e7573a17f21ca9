package io.sqspiietl.pipeline;

import io.sqspiietl.pipeline.PipelineListener.Stage;
import io.sqspiietl.source.DeleteResult;
import io.sqspiietl.source.QueueMessage;
import io.sqspiietl.source.SourceException;
import io.sqspiietl.source.SqsBatches;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes committed messages from the queue on threads of its own, ten per call, so that neither the
 * writer nor the receivers wait for it. There are as many threads as receive loops: a delete, like a
 * receive, takes one round trip for ten messages, so deletes keep up with receives at any distance.
 * Threads are started as deletes arrive and end when idle.
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

    private final Run run;
    private final IntSupplier loops;
    private final ThreadPoolExecutor threads;

    /**
     * @param loops      how many receive loops run now: the number of threads to follow
     * @param maxThreads the most receive loops there can be
     */
    Deleter(Run run, IntSupplier loops, int maxThreads) {
        this.run = run;
        this.loops = loops;
        this.threads = new ThreadPoolExecutor(loops.getAsInt(), maxThreads, IDLE_THREAD_SECONDS, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), Threads.named("deleter"));
        this.threads.allowCoreThreadTimeOut(true);
    }

    /** Deletes the committed messages; returns at once. */
    void delete(List<QueueMessage> committed) {
        int wanted = loops.getAsInt();
        if (threads.getCorePoolSize() != wanted) {
            threads.setCorePoolSize(wanted);
        }
        for (List<QueueMessage> chunk : SqsBatches.chunks(committed)) {
            List<QueueMessage> copy = List.copyOf(chunk);
            threads.execute(() -> deleteChunk(copy));
        }
    }

    /** Delete calls under way now. */
    int active() {
        return threads.getActiveCount();
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
        Backoff backoff = new Backoff();
        long giveUpAt = System.nanoTime() + RETRY_WINDOW.toNanos();
        List<QueueMessage> pending = chunk;
        try {
            while (true) {
                try {
                    DeleteResult result = run.source().delete(pending);
                    run.counts().deleted(result.deleted());
                    run.inFlight().removed(pending.stream().filter(message -> !result.retryable().contains(message)).toList());
                    run.listener().succeeded(Stage.DELETE);
                    run.queueOutage().succeeded();
                    pending = result.retryable();
                } catch (SourceException e) {
                    run.listener().failed(Stage.DELETE, FailureKinds.of(e));
                    run.queueOutage().failed(e.getMessage());
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
            run.inFlight().removed(pending);
        }
    }
}
