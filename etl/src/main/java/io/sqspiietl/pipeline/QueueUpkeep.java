package io.sqspiietl.pipeline;

import io.sqspiietl.pipeline.PipelineListener.Stage;
import io.sqspiietl.source.QueueBacklog;
import io.sqspiietl.source.QueueMessage;
import io.sqspiietl.source.SourceException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queue's upkeep while a run goes on, every {@link #PERIOD} on one thread. It keeps messages whose
 * batch is still in flight (a slow or unreachable database) invisible to other consumers, so they are
 * not redelivered and processed again while their first copy waits, and it reads the queue's
 * approximate counts: the depth operators watch and the progress estimate is based on. A failure is
 * reported and tried again next period; it never stops the run.
 *
 * <p>A message in flight for longer than {@link #EXTEND_AFTER} gets its visibility timeout set to
 * {@link #EXTEND_TO} from now, so SQS's default timeout of 30 s never runs out for a message this
 * loader still holds. Queues configured with a timeout shorter than {@link #EXTEND_AFTER} may still see
 * redeliveries, which the ledger turns into no-ops.
 */
final class QueueUpkeep implements Runnable {
    /** Often enough for both duties, rare enough to cost nothing (two requests per period at most). */
    static final Duration PERIOD = Duration.ofSeconds(5);
    static final Duration EXTEND_AFTER = Duration.ofSeconds(10);
    static final Duration EXTEND_TO = Duration.ofSeconds(60);
    private static final Logger LOG = LoggerFactory.getLogger(QueueUpkeep.class);

    private final Run run;
    private final Clock clock;

    QueueUpkeep(Run run, Clock clock) {
        this.run = run;
        this.clock = clock;
    }

    @Override
    public void run() {
        try {
            extendVisibility();
            readBacklog(run);
        } catch (SourceException e) {
            LOG.debug("queue upkeep failed ({}); trying again next period", e.getMessage());
        } catch (RuntimeException e) {
            // An exception would cancel the periodic task for good; the next period tries again.
            LOG.warn("queue upkeep failed with {}", e.getClass().getName());
        }
    }

    /**
     * Reads the queue's counts into the run's, reporting the call's outcome.
     *
     * @return the counts, or {@code null} after a transient failure
     * @throws SourceException for a permanent failure
     */
    static QueueBacklog readBacklog(Run run) throws SourceException {
        try {
            QueueBacklog backlog = run.source().backlog();
            run.listener().succeeded(Stage.BACKLOG);
            run.counts().backlogSeen(backlog);
            return backlog;
        } catch (SourceException e) {
            run.listener().failed(Stage.BACKLOG, FailureKinds.of(e));
            if (!e.isTransient()) {
                throw e;
            }
            return null;
        }
    }

    private void extendVisibility() throws SourceException {
        Instant now = clock.instant();
        List<QueueMessage> due = run.inFlight().heldSince(now.minus(EXTEND_AFTER));
        if (!due.isEmpty()) {
            run.source().changeVisibility(due, EXTEND_TO);
            run.inFlight().renewed(due, now);
            LOG.debug("extended visibility of {} messages still in flight", due.size());
        }
    }
}
