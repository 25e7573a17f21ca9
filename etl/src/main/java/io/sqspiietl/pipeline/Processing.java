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
 * The processing stage between the receive loops and the batcher: one thread transforms and masks
 * each receive ({@link MessageProcessor}, under the run's {@link CurrentKeyset}) and hands it to the
 * {@link Batcher}. The receive loops, many
 * and mostly waiting on the network, thus only receive.
 *
 * <p>One thread is enough and keeps order: it processes about 200,000 login messages a second (the
 * JMH benchmark's 4 to 5 µs a message), ten times what SQS delivers to one process, and it hands the
 * receives over in the order they arrived, each in the queue's order. The queue of receives is as long
 * as there can be receive loops, and the in-flight budget, reserved before each receive, bounds the
 * memory they hold. Thread-safe.
 */
final class Processing {
    /** One receive waiting to be processed, and the room reserved for it. */
    private record Receive(List<QueueMessage> messages, long reservation) {
    }

    private final Run run;
    private final CurrentKeyset keyset;
    private final Batcher batcher;
    private final ReceiveEstimate estimate;
    private final ReceiveConcurrency concurrency;
    private final Consumer<PipelineException> fatal;
    private final BlockingQueue<Receive> queue;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(Threads.named("processor"));
    /** Receives submitted and not yet handed to the batcher; guarded by {@code this}. */
    private int pending;

    /**
     * @param capacity receives that may wait for the thread before {@link #submit} waits
     * @param fatal    told of a failure that must end the run
     */
    Processing(Run run, CurrentKeyset keyset, Batcher batcher, ReceiveEstimate estimate,
               ReceiveConcurrency concurrency, int capacity, Consumer<PipelineException> fatal) {
        this.run = run;
        this.keyset = keyset;
        this.batcher = batcher;
        this.estimate = estimate;
        this.concurrency = concurrency;
        this.fatal = fatal;
        this.queue = new ArrayBlockingQueue<>(capacity);
    }

    void start() {
        thread.execute(this::work);
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

    /** Ends the thread; receives not yet processed stay in flight until the queue's visibility timeout. */
    void close() {
        thread.shutdownNow();
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
            items.add(keyset.process(message));
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
