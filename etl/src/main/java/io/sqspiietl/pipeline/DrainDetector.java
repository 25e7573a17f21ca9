package io.sqspiietl.pipeline;

import io.sqspiietl.pipeline.PipelineListener.Stage;
import io.sqspiietl.source.MessageSource;
import io.sqspiietl.source.QueueBacklog;
import io.sqspiietl.source.SourceException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides that a drain ({@code --until-empty}) is complete. The queue is empty when, at one moment:
 * <ol>
 *   <li>a long poll (a wait of at least one second, which asks every SQS server; a short poll samples
 *       only some) came back empty,
 *   <li>nothing this run received is in flight: every message is committed and deleted, or given back,
 *   <li>and then the queue itself reports zero visible, zero in-flight and zero delayed messages.
 * </ol>
 * The poll need not have started after the last message was deleted: while it waited, every message
 * that became visible went to some receiver of this run, and (2) says those are done. The counts
 * catch what no receive can see: another consumer's messages in flight, delayed messages, and
 * messages of this run whose delete failed and which will come back. AWS documents these counts as
 * approximate, settling up to a minute after producers stop; a stale positive count only makes the
 * drain wait for the next empty poll, and the long poll, not the count, is what vouches for visible
 * messages. Thread-safe: receivers report their polls concurrently, one check runs at a time.
 */
final class DrainDetector {
    /** After counts that were not zero, how long to wait before asking the queue again. */
    static final Duration RECHECK_AFTER = Duration.ofMillis(500);
    private static final Logger LOG = LoggerFactory.getLogger(DrainDetector.class);

    private final MessageSource source;
    private final InFlight inFlight;
    private final RunCounts counts;
    private final PipelineListener listener;
    private final Clock clock;
    private final Runnable onDrained;
    private final AtomicBoolean checking = new AtomicBoolean();
    private final AtomicBoolean drained = new AtomicBoolean();
    private volatile Instant nextCheck = Instant.MIN;

    DrainDetector(MessageSource source, InFlight inFlight, RunCounts counts, PipelineListener listener,
                  Clock clock, Runnable onDrained) {
        this.source = source;
        this.inFlight = inFlight;
        this.counts = counts;
        this.listener = listener;
        this.clock = clock;
        this.onDrained = onDrained;
    }

    /**
     * A long poll of this run came back empty: checks whether the drain is complete, and if so calls
     * {@code onDrained} once.
     *
     * @throws SourceException if the queue's counts cannot be read for a permanent reason
     */
    void emptyLongPoll() throws SourceException {
        if (drained.get() || inFlight.size() > 0 || clock.instant().isBefore(nextCheck)
                || !checking.compareAndSet(false, true)) {
            return;
        }
        try {
            QueueBacklog backlog = readBacklog();
            if (backlog != null && backlog.isEmpty() && inFlight.size() == 0 && drained.compareAndSet(false, true)) {
                LOG.info("queue drained");
                onDrained.run();
            } else {
                nextCheck = clock.instant().plus(RECHECK_AFTER);
            }
        } finally {
            checking.set(false);
        }
    }

    /** The queue's counts, or {@code null} after a transient failure (the next empty poll asks again). */
    private QueueBacklog readBacklog() throws SourceException {
        try {
            QueueBacklog backlog = source.backlog();
            listener.succeeded(Stage.BACKLOG);
            counts.backlogSeen(backlog);
            return backlog;
        } catch (SourceException e) {
            listener.failed(Stage.BACKLOG, FailureKinds.of(e));
            if (!e.isTransient()) {
                throw e;
            }
            return null;
        }
    }
}
