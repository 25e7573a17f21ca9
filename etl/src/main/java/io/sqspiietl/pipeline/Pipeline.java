package io.sqspiietl.pipeline;

import io.sqspiietl.pipeline.BatchCommitter.Item;
import io.sqspiietl.pipeline.PipelineListener.Stage;
import io.sqspiietl.sink.LoginSink;
import io.sqspiietl.source.MessageSource;
import io.sqspiietl.source.QueueBacklog;
import io.sqspiietl.source.QueueMessage;
import io.sqspiietl.source.SourceException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves messages from the source to the sink: several receiver threads receive, transform and mask;
 * the thread that calls {@link #run()} commits them in batches; deleter threads remove committed
 * messages from the queue. A message is deleted only after its batch is committed, so a crash at
 * any point loses nothing, and the sink's ledger makes the redelivery that follows a no-op.
 *
 * <p>A bounded buffer between receivers and writer is the backpressure: a slow database slows the
 * receive loops instead of growing memory. It holds whole receives, not single messages, so a handoff
 * (and the thread wake-up it may cost) is paid once per receive. One pipeline runs once.
 */
public final class Pipeline {
    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);
    private static final Duration IDLE_POLL = Duration.ofMillis(100);
    private static final Duration BACKLOG_CHECK_INTERVAL = Duration.ofSeconds(1);
    private static final int DELETE_CHUNK = 10;
    private static final long DELETER_DRAIN_SECONDS = 30;
    /** How long a failing delete is retried; past that the message's visibility has likely run out. */
    private static final Duration DELETE_RETRY_WINDOW = Duration.ofSeconds(20);

    private final MessageSource source;
    private final PipelineSettings settings;
    private final Clock clock;
    private final LoginProcessor processor;
    private final BatchCommitter committer;
    private final RunStatistics stats;
    private final PipelineListener listener;
    private final InFlight inFlight = new InFlight();
    private final BlockingQueue<List<Item>> buffer;
    /** The writer's: the part of a receive that did not fit the last batch, to open the next one. */
    private List<Item> leftover = List.of();
    private final AtomicBoolean stopRequested = new AtomicBoolean();
    private final AtomicReference<PipelineException> fatal = new AtomicReference<>();
    private final AtomicInteger consecutiveEmptyReceives = new AtomicInteger();
    private final Incident queueOutage = new Incident(LOG, "SQS");
    private Instant nextBacklogCheck = Instant.MIN;

    public Pipeline(MessageSource source, LoginSink sink, LoginProcessor processor,
                    PipelineSettings settings, Clock clock) {
        this(source, sink, processor, settings, clock, PipelineListener.NONE);
    }

    /** A pipeline whose work is reported to {@code listener} as it happens. */
    public Pipeline(MessageSource source, LoginSink sink, LoginProcessor processor,
                    PipelineSettings settings, Clock clock, PipelineListener listener) {
        this.stats = new RunStatistics(clock);
        this.listener = PipelineListener.both(stats, listener);
        this.source = source;
        this.settings = settings;
        this.clock = clock;
        this.processor = processor;
        this.committer = new BatchCommitter(sink, processor, stopRequested::get, this.listener);
        this.buffer = new ArrayBlockingQueue<>(settings.bufferedReceives());
    }

    /**
     * Runs until the queue is drained ({@link PipelineSettings#untilEmpty()}) or {@link #stop()} is
     * called, then commits and deletes what is in flight and returns.
     *
     * @throws PipelineException on a permanent failure of the queue or the database
     */
    public RunSummary run() throws PipelineException {
        ExecutorService receivers = Executors.newFixedThreadPool(settings.receivers(), Threads.named("receiver"));
        ExecutorService deleters = Executors.newFixedThreadPool(settings.receivers(), Threads.named("deleter"));
        ScheduledExecutorService heartbeat = Executors.newSingleThreadScheduledExecutor(Threads.named("heartbeat"));
        listener.started(inFlight::size);
        try {
            heartbeat.scheduleWithFixedDelay(new BacklogMonitor(source, listener),
                    0, BacklogMonitor.PERIOD.toMillis(), TimeUnit.MILLISECONDS);
            heartbeat.scheduleWithFixedDelay(new VisibilityHeartbeat(source, inFlight, clock),
                    VisibilityHeartbeat.PERIOD.toMillis(), VisibilityHeartbeat.PERIOD.toMillis(), TimeUnit.MILLISECONDS);
            for (int i = 0; i < settings.receivers(); i++) {
                receivers.execute(this::receiveLoop);
            }
            receivers.shutdown();
            writeLoop(receivers, deleters);
        } finally {
            stopRequested.set(true);
            receivers.shutdownNow();
            deleters.shutdown();
            awaitDeletes(deleters);
            heartbeat.shutdownNow();
        }
        PipelineException failure = fatal.get();
        if (failure != null) {
            throw failure;
        }
        return stats.snapshot();
    }

    /** Asks the run to finish: stop receiving, commit and delete what is in flight. Thread-safe. */
    public void stop() {
        stopRequested.set(true);
    }

    private void receiveLoop() {
        Backoff backoff = new Backoff();
        try {
            while (!stopRequested.get()) {
                List<QueueMessage> messages;
                try {
                    messages = source.receive(settings.receiveWait());
                    listener.received(messages.size());
                    queueOutage.succeeded();
                    backoff.reset();
                } catch (SourceException e) {
                    listener.failed(Stage.RECEIVE, FailureKinds.of(e));
                    if (!e.isTransient()) {
                        fail(new PipelineException(e.getMessage(), e));
                        return;
                    }
                    queueOutage.failed(e.getMessage());
                    Threads.sleep(backoff.next());
                    continue;
                }
                accept(messages);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the run is over; unbuffered messages return to the queue
        } catch (RuntimeException e) {
            fail(new PipelineException("receiver failed: " + e.getMessage(), e));
        }
    }

    private void accept(List<QueueMessage> messages) throws InterruptedException {
        if (messages.isEmpty()) {
            consecutiveEmptyReceives.incrementAndGet();
            return;
        }
        consecutiveEmptyReceives.set(0);
        inFlight.added(messages, clock.instant());
        List<Item> items = new ArrayList<>(messages.size());
        for (QueueMessage message : messages) {
            items.add(new Item(message, processor.process(message)));
        }
        buffer.put(items);
    }

    private void writeLoop(ExecutorService receivers, ExecutorService deleters) throws PipelineException {
        List<Item> batch = new ArrayList<>(settings.batchSize());
        while (true) {
            try {
                fillBatch(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (!batch.isEmpty()) {
                commitAndDelete(batch, deleters);
                batch.clear();
            } else if (receivers.isTerminated() && buffer.isEmpty()) {
                return;
            } else if (settings.untilEmpty() && !stopRequested.get() && drained()) {
                LOG.info("queue drained");
                stopRequested.set(true);
            }
        }
    }

    /** Takes a first receive if one arrives soon, then more until the batch is full or lingered enough. */
    private void fillBatch(List<Item> batch) throws InterruptedException {
        List<Item> first = leftover.isEmpty() ? buffer.poll(IDLE_POLL.toMillis(), TimeUnit.MILLISECONDS) : leftover;
        if (first == null) {
            return;
        }
        addWhatFits(batch, first);
        long deadline = System.nanoTime() + settings.linger().toNanos();
        while (batch.size() < settings.batchSize()) {
            // Past the deadline this still takes a receive already waiting; it only stops waiting for more.
            List<Item> next = buffer.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (next == null) {
                return;
            }
            addWhatFits(batch, next);
        }
    }

    /** Adds the items that fit the batch size and keeps the rest as the leftover. */
    private void addWhatFits(List<Item> batch, List<Item> items) {
        int room = settings.batchSize() - batch.size();
        batch.addAll(items.subList(0, Math.min(room, items.size())));
        leftover = items.size() > room ? items.subList(room, items.size()) : List.of();
    }

    private void commitAndDelete(List<Item> batch, ExecutorService deleters) throws PipelineException {
        int committedCount;
        try {
            committedCount = committer.commit(batch);
        } catch (PipelineException e) {
            fail(e);
            throw e;
        }
        List<QueueMessage> messages = batch.stream().map(Item::message).toList();
        // What was not committed (a stop interrupted the retries) becomes visible again on its own.
        inFlight.removed(messages.subList(committedCount, messages.size()));
        List<QueueMessage> committed = messages.subList(0, committedCount);
        for (int from = 0; from < committed.size(); from += DELETE_CHUNK) {
            List<QueueMessage> chunk = List.copyOf(committed.subList(from, Math.min(committed.size(), from + DELETE_CHUNK)));
            deleters.execute(() -> delete(chunk));
        }
    }

    /**
     * Deletes committed messages, retrying transient failures with backoff while their receipt handles
     * are still likely valid. If the queue stays unreachable, the commit still stands: the messages
     * come back after their visibility timeout and are skipped by the ledger.
     */
    private void delete(List<QueueMessage> chunk) {
        Backoff backoff = new Backoff();
        long giveUpAt = System.nanoTime() + DELETE_RETRY_WINDOW.toNanos();
        try {
            while (true) {
                try {
                    int deleted = source.delete(chunk);
                    listener.deleted(deleted);
                    queueOutage.succeeded();
                    return;
                } catch (SourceException e) {
                    listener.failed(Stage.DELETE, FailureKinds.of(e));
                    queueOutage.failed(e.getMessage());
                    if (!e.isTransient() || System.nanoTime() > giveUpAt) {
                        return;
                    }
                }
                Threads.sleep(backoff.next());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            inFlight.removed(chunk);
        }
    }

    /**
     * The drain is complete when every receiver came back empty twice in a row, nothing of ours is in
     * flight, and the queue itself reports no visible, in-flight or delayed message.
     */
    private boolean drained() {
        if (consecutiveEmptyReceives.get() < 2 * settings.receivers() || inFlight.size() > 0) {
            return false;
        }
        Instant now = clock.instant();
        if (now.isBefore(nextBacklogCheck)) {
            return false;
        }
        nextBacklogCheck = now.plus(BACKLOG_CHECK_INTERVAL);
        try {
            QueueBacklog backlog = source.backlog();
            listener.backlogSeen(backlog);
            return backlog.isEmpty();
        } catch (SourceException e) {
            listener.failed(Stage.BACKLOG, FailureKinds.of(e));
            if (!e.isTransient()) {
                fail(new PipelineException(e.getMessage(), e));
            }
            return false;
        }
    }

    private void fail(PipelineException failure) {
        fatal.compareAndSet(null, failure);
        stopRequested.set(true);
    }

    private static void awaitDeletes(ExecutorService deleters) {
        try {
            if (!deleters.awaitTermination(DELETER_DRAIN_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("deletes still pending at exit; those messages will be redelivered and skipped");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
