package io.sqspiietl.pipeline;

import io.sqspiietl.source.QueueMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The processing stage between the receive loops and the batcher: a few worker threads, one per
 * core, transform and mask each receive ({@link MessageProcessor}) and hand it to the {@link Batcher}.
 * The receive loops, many more than cores and mostly waiting on the network, thus only receive; the
 * CPU work runs on as many threads as can run it at once.
 *
 * <p>A receive is processed by one worker in its order, so the batcher gets its messages in the
 * queue's order; different receives may be processed in any order, which is safe for a FIFO queue
 * too, since SQS never hands out a message group's next messages while earlier ones are in flight.
 * The queue of receives is as long as there can be receive loops, and the in-flight budget, reserved
 * before each receive, bounds the memory they hold. Thread-safe.
 */
final class Processing {
    /** One receive waiting to be processed, and the room reserved for it. */
    private record Receive(List<QueueMessage> messages, long reservation) {
    }

    private final Run run;
    private final MessageProcessor processor;
    private final Batcher batcher;
    private final ReceiveEstimate estimate;
    private final ReceiveConcurrency concurrency;
    private final Consumer<PipelineException> fatal;
    private final BlockingQueue<Receive> queue;
    private final int workers;
    private final ExecutorService threads;
    /** Receives submitted and not yet handed to the batcher; guarded by {@code this}. */
    private int pending;

    /**
     * @param capacity receives that may wait for a worker before {@link #submit} waits
     * @param fatal    told of a failure that must end the run
     */
    Processing(Run run, MessageProcessor processor, Batcher batcher, ReceiveEstimate estimate,
               ReceiveConcurrency concurrency, int capacity, Consumer<PipelineException> fatal) {
        this.run = run;
        this.processor = processor;
        this.batcher = batcher;
        this.estimate = estimate;
        this.concurrency = concurrency;
        this.fatal = fatal;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.workers = Math.max(1, Runtime.getRuntime().availableProcessors());
        this.threads = Executors.newFixedThreadPool(workers, Threads.named("processor"));
    }

    void start() {
        for (int i = 0; i < workers; i++) {
            threads.execute(this::work);
        }
    }

    /**
     * Hands one receive over, its messages already {@link InFlight#hold held}.
     *
     * @return whether it had to wait for room
     */
    boolean submit(List<QueueMessage> messages, long reservation) throws InterruptedException {
        Receive receive = new Receive(messages, reservation);
        synchronized (this) {
            pending++;
        }
        if (queue.offer(receive)) {
            return false;
        }
        try {
            queue.put(receive);
        } catch (InterruptedException e) {
            done();
            throw e;
        }
        return true;
    }

    /** True when every receive submitted is in the batcher. */
    synchronized boolean idle() {
        return pending == 0;
    }

    /** Ends the workers; receives not yet processed stay in flight until the queue's visibility timeout. */
    void close() {
        threads.shutdownNow();
    }

    private void work() {
        try {
            while (true) {
                Receive receive = queue.take();
                try {
                    handOver(receive);
                } finally {
                    done();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closing
        } catch (RuntimeException e) {
            fatal.accept(new PipelineException("processing failed: " + e.getClass().getName(), e));
        }
    }

    private void handOver(Receive receive) throws InterruptedException {
        List<Item> items = new ArrayList<>(receive.messages().size());
        for (QueueMessage message : receive.messages()) {
            items.add(Item.of(message, processor.process(message)));
        }
        estimate.observe(items);
        run.inFlight().admit(items, receive.reservation());
        if (!batcher.offer(items)) {
            concurrency.heldBack();
            batcher.put(items);
        }
    }

    private synchronized void done() {
        pending--;
    }
}
