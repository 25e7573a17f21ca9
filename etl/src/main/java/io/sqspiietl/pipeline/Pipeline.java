package io.sqspiietl.pipeline;

import io.sqspiietl.sink.Sink;
import io.sqspiietl.source.MessageSource;
import io.sqspiietl.source.QueueMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves messages from the source to the sink: {@link Receivers} receive; {@link Processing} transforms
 * and masks; the {@link Batcher} cuts what it hands over into batches; the thread that calls {@link
 * #run()} commits them ({@link BatchCommitter}); the {@link Deleter} then removes them from the queue. A message is
 * deleted only after its batch is committed, so a crash at any point loses nothing, and the sink's
 * ledger makes the redelivery that follows a no-op. The {@link InFlight} budget and the batcher's
 * bounded buffer are the backpressure: a slow database slows receiving instead of growing memory.
 *
 * <p>A drain ends when the {@link DrainDetector} finds the queue empty; a service when {@link #stop()}
 * is called. Either way, what is in flight is committed and deleted before {@link #run()} returns.
 * One pipeline runs once.
 */
public final class Pipeline {
    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);
    /**
     * How long a stopping run waits for the receives under way. A busy queue answers within a round
     * trip, and what such a receive brings is given back at once; a long poll of an idle queue (up to
     * 20 s) is cut off instead when the source closes. A message the queue then hands to the cut-off
     * poll stays invisible for its visibility timeout before it comes back: on an idle queue, few.
     */
    private static final Duration RECEIVES_END_WITHIN = Duration.ofSeconds(1);

    private final Clock clock;
    private final Run run;
    private final Batcher batcher;
    private final BatchCommitter committer;
    private final Deleter deleter;
    private final Processing processing;
    private final Receivers receivers;
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private final AtomicReference<PipelineException> fatal = new AtomicReference<>();

    /**
     * A pipeline whose work is reported to {@code listener} as it happens. A service it runs does not
     * take up another keyset: if the database is rebound under it, it waits, unready, until stopped.
     */
    public Pipeline(MessageSource source, Sink sink, MessageProcessor processor,
                    PipelineSettings settings, Clock clock, PipelineListener listener) {
        this(source, sink, processor, KeysetSwap.NONE, settings, clock, listener);
    }

    /** As above, with a service taking up the keyset a rotation rebound the database to through {@code swap}. */
    Pipeline(MessageSource source, Sink sink, MessageProcessor processor, KeysetSwap swap,
             PipelineSettings settings, Clock clock, PipelineListener listener) {
        this.clock = clock;
        this.run = new Run(source, new InFlight(settings.inFlightBytes()), new RunCounts(clock), listener,
                new Incident(LOG, "SQS"));
        this.batcher = new Batcher(settings.batchSize(), settings.linger(), settings.bufferedReceives());
        CurrentKeyset keyset = new CurrentKeyset(processor);
        RunKind kind = RunKind.of(settings);
        this.committer = new BatchCommitter(run.counts(), listener, sink, keyset,
                new KeyRebinding(listener, keyset, swap, kind, stopRequested::get), kind, stopRequested::get);
        ReceiveConcurrency concurrency = settings.adaptive()
                ? ReceiveConcurrency.adaptive(clock, settings.maxReceivers())
                : ReceiveConcurrency.pinned(clock, settings.receivers());
        this.deleter = new Deleter(run, concurrency::limit, settings.receiverCeiling());
        DrainDetector drain = settings.untilEmpty() ? new DrainDetector(run, this::stop) : null;
        ReceiveEstimate estimate = new ReceiveEstimate();
        this.processing = new Processing(run, keyset, batcher, estimate, concurrency, settings.receiverCeiling(), this::fail);
        this.receivers = new Receivers(run, processing, estimate, concurrency, drain, settings.receiveWait(), clock, this::fail);
    }

    /**
     * Runs until the queue is drained ({@link PipelineSettings#untilEmpty()}) or {@link #stop()} is
     * called, then commits and deletes what is in flight and returns.
     *
     * @throws PipelineException on a permanent failure of the queue or the database
     */
    public RunSummary run() throws PipelineException {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(Threads.named("queue-upkeep"));
        InFlight inFlight = run.inFlight();
        run.listener().started(run.counts(), new PipelineGauges(inFlight::size, inFlight::bytes, receivers::running, deleter::active));
        try {
            scheduler.scheduleWithFixedDelay(new QueueUpkeep(run, clock), 0, QueueUpkeep.PERIOD.toMillis(), TimeUnit.MILLISECONDS);
            processing.start();
            receivers.start();
            writeLoop();
        } catch (PipelineException e) {
            fail(e);
        } finally {
            stop();
            receivers.awaitEnd(fatal.get() == null ? RECEIVES_END_WITHIN : Duration.ZERO);
            processing.close();
            deleter.close();
            scheduler.shutdownNow();
        }
        PipelineException failure = fatal.get();
        if (failure != null) {
            throw failure;
        }
        return run.counts().summary();
    }

    /** Asks the run to finish: stop receiving, commit and delete what is in flight. Thread-safe. */
    public void stop() {
        stopRequested.set(true);
        receivers.stop();
        batcher.wake();
    }

    /** The run's live counts. */
    public RunCounts counts() {
        return run.counts();
    }

    /** Messages received and not yet deleted or given back, right now. Thread-safe. */
    public int messagesInFlight() {
        return run.inFlight().size();
    }

    /** Commits batches until a stop was requested and every receive handed over is committed. */
    private void writeLoop() throws PipelineException {
        while (true) {
            List<Item> batch;
            try {
                batch = batcher.next();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (!batch.isEmpty()) {
                commitAndDelete(batch);
            } else if (stopRequested.get() && receivers.idle() && processing.idle() && batcher.isEmpty()) {
                return;
            }
        }
    }

    private void commitAndDelete(List<Item> batch) throws PipelineException {
        // By message: an item the committer made again under a rotated keyset is another Item object.
        Set<QueueMessage> committed = Collections.newSetFromMap(new IdentityHashMap<>());
        try {
            committer.commit(batch, part -> {
                List<QueueMessage> messages = messages(part);
                committed.addAll(messages);
                deleter.delete(messages);
            });
        } finally {
            if (committed.size() < batch.size()) {
                giveBack(messages(batch.stream().filter(item -> !committed.contains(item.message())).toList()));
            }
        }
    }

    /** Returns uncommitted messages to the queue at once, so they are not held back until their timeout. */
    private void giveBack(List<QueueMessage> messages) {
        QueueReturns.giveBack(run.source(), messages);
        run.inFlight().removed(messages);
    }

    private static List<QueueMessage> messages(List<Item> items) {
        List<QueueMessage> messages = new ArrayList<>(items.size());
        for (Item item : items) {
            messages.add(item.message());
        }
        return messages;
    }

    private void fail(PipelineException failure) {
        fatal.compareAndSet(null, failure);
        stop();
    }
}
