package io.sqspiietl.pipeline;

import io.sqspiietl.pipeline.PipelineListener.Stage;
import io.sqspiietl.source.QueueMessage;
import io.sqspiietl.source.SourceException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The receive loops. Each one reserves room in the in-flight budget for what a receive may bring,
 * receives (a long poll), processes the messages (parse, validate, mask, seal) and hands them to the
 * batcher. Their number follows {@link ReceiveConcurrency}: loops start when its limit rises and end
 * after their current receive when it falls.
 *
 * <p>{@link #stop} closes the door: a loop whose receive returns after it gives its messages back to
 * the queue at once. Loops that were already handing messages over finish doing so; {@link #idle}
 * tells when none is. In a drain, a loop whose long poll came back empty waits in the {@link
 * DrainDetector} until every loop's has, so a drain ends with no poll under way. Thread-safe.
 */
final class Receivers {
    private final Run run;
    private final CurrentKeyset keyset;
    private final Batcher batcher;
    private final ReceiveConcurrency concurrency;
    private final DrainDetector drain;
    private final Duration wait;
    private final Clock clock;
    private final Consumer<PipelineException> fatal;
    private final ReceiveEstimate estimate = new ReceiveEstimate();
    private final ExecutorService threads = Executors.newCachedThreadPool(Threads.named("receiver"));
    /** Guarded by {@code this}. */
    private int running;
    private int handingOver;
    private boolean stopped;

    /**
     * @param drain decides the end of a drain from empty polls; {@code null} for a service
     * @param wait  each receive's long poll
     * @param fatal told of a failure that must end the run
     */
    Receivers(Run run, CurrentKeyset keyset, Batcher batcher, ReceiveConcurrency concurrency, DrainDetector drain,
              Duration wait, Clock clock, Consumer<PipelineException> fatal) {
        this.run = run;
        this.keyset = keyset;
        this.batcher = batcher;
        this.concurrency = concurrency;
        this.drain = drain;
        this.wait = wait;
        this.clock = clock;
        this.fatal = fatal;
    }

    /** Starts as many loops as the limit allows. */
    synchronized void start() {
        while (!stopped && running < concurrency.limit()) {
            running++;
            if (drain != null) {
                drain.loopStarted();
            }
            threads.execute(this::loop);
        }
    }

    /** Loops running now. */
    synchronized int running() {
        return running;
    }

    /** Stops receiving; loops end after their current receive, whose messages go back to the queue. */
    synchronized void stop() {
        stopped = true;
        threads.shutdown();
        if (drain != null) {
            drain.release();
        }
    }

    /** True when no loop is handing messages over; after {@link #stop} none will start to. */
    synchronized boolean idle() {
        return handingOver == 0;
    }

    /**
     * Waits up to {@code timeout} for the loops to end after {@link #stop}; what their receives bring
     * meanwhile is given back. Loops still in a receive then are interrupted and left to the source's
     * close, which cuts their long polls off.
     */
    void awaitEnd(Duration timeout) {
        try {
            if (!threads.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                threads.shutdownNow();
            }
        } catch (InterruptedException e) {
            threads.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private void loop() {
        Backoff backoff = new Backoff();
        String attemptId = UUID.randomUUID().toString();
        boolean counted = true;
        try {
            while (true) {
                long reservation = estimate.nextReceive();
                boolean waited = run.inFlight().reserve(reservation);
                if (retire()) {
                    run.inFlight().cancel(reservation);
                    counted = false;
                    return;
                }
                List<QueueMessage> messages;
                try {
                    messages = run.source().receive(wait, attemptId);
                } catch (SourceException e) {
                    run.inFlight().cancel(reservation);
                    if (isStopped()) {
                        return; // a long poll cut short by the end of the run, not an outage
                    }
                    failed(e, backoff);
                    continue; // with the same attempt id, so a FIFO queue hands out the same messages
                }
                attemptId = UUID.randomUUID().toString();
                backoff.reset();
                run.queueOutage().succeeded();
                run.listener().succeeded(Stage.RECEIVE);
                if (messages.isEmpty()) {
                    run.inFlight().cancel(reservation);
                    concurrency.received(0, waited);
                    if (drain != null && drain.emptyLongPoll()) {
                        return; // drained: the run ends with no poll left open
                    }
                } else {
                    waited |= handOver(messages, reservation);
                    concurrency.received(messages.size(), waited);
                }
                start();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // abandoned: what this loop had not handed over returns to the queue
        } catch (SourceException e) {
            fatal.accept(new PipelineException(e.getMessage(), e));
        } catch (RuntimeException e) {
            fatal.accept(new PipelineException("receiver failed: " + e.getClass().getName(), e));
        } finally {
            if (counted) {
                synchronized (this) {
                    running--;
                }
            }
            if (drain != null) {
                drain.loopEnded();
            }
        }
    }

    /**
     * Processes one receive and hands it to the batcher, or gives it back if the run is stopping.
     *
     * @return whether handing over had to wait for room in the buffer
     */
    private boolean handOver(List<QueueMessage> messages, long reservation) throws InterruptedException {
        Instant receivedAt = clock.instant();
        if (!enter()) {
            run.inFlight().cancel(reservation);
            QueueReturns.giveBack(run.source(), messages);
            return false;
        }
        try {
            run.counts().received(messages.size());
            List<Item> items = new ArrayList<>(messages.size());
            for (QueueMessage message : messages) {
                items.add(keyset.process(message));
            }
            estimate.observe(items);
            run.inFlight().admit(items, reservation, receivedAt);
            if (batcher.offer(items)) {
                return false;
            }
            batcher.put(items);
            return true;
        } finally {
            leave();
        }
    }

    /** Reports a failed receive and waits before the next; a permanent failure is thrown on. */
    private void failed(SourceException e, Backoff backoff) throws InterruptedException, SourceException {
        run.listener().failed(Stage.RECEIVE, FailureKinds.of(e));
        if (!e.isTransient()) {
            throw e;
        }
        run.queueOutage().failed(e.getMessage());
        Threads.sleep(backoff.next());
    }

    /** Whether this loop ends now (stopped, or more loops run than the limit); if so it no longer counts as running. */
    private synchronized boolean retire() {
        if (stopped || running > concurrency.limit()) {
            running--;
            return true;
        }
        return false;
    }

    private synchronized boolean isStopped() {
        return stopped;
    }

    private synchronized boolean enter() {
        if (stopped) {
            return false;
        }
        handingOver++;
        return true;
    }

    private synchronized void leave() {
        handingOver--;
    }
}
