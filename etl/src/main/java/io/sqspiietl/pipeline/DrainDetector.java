package io.sqspiietl.pipeline;

import io.sqspiietl.source.QueueBacklog;
import io.sqspiietl.source.SourceException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides that a drain ({@code --until-empty}) is complete. The queue is empty when, at one moment:
 * <ol>
 *   <li>every receive loop's latest long poll (a wait of at least one second, which asks every SQS
 *       server; a short poll samples only some) came back empty,
 *   <li>nothing this run received is in flight: every message is committed and deleted, or given back,
 *   <li>and then the queue itself reports zero visible, zero in-flight and zero delayed messages.
 * </ol>
 * A loop whose long poll came back empty while nothing is in flight waits here for the others
 * instead of polling again, so when the last one comes back the check runs with no poll under way:
 * the run can end at once, and no poll is left open to take a message that arrives after it (SQS and
 * ElasticMQ answer a long poll even after its client is gone, and the message then stays invisible
 * for its visibility timeout). If the check fails, every loop polls again and the check is repeated
 * when they are all back, about once per poll.
 *
 * <p>The polls need not have started after the last message was deleted: while they waited, every
 * message that became visible went to some loop of this run, and (2) says those are done. The counts
 * catch what no receive can see: another consumer's messages in flight, delayed messages, and
 * messages of this run whose delete failed and which will come back. AWS documents these counts as
 * approximate, settling up to a minute after producers stop; a stale positive count only makes the
 * drain poll once more, and the long polls, not the count, vouch for visible messages. Thread-safe.
 */
final class DrainDetector {
    private static final Logger LOG = LoggerFactory.getLogger(DrainDetector.class);

    private final Run run;
    private final Runnable onDrained;
    /** Guarded by {@code this}. */
    private int loops;
    private int waiting;
    private long round;
    private boolean checking;
    private boolean over;

    DrainDetector(Run run, Runnable onDrained) {
        this.run = run;
        this.onDrained = onDrained;
    }

    /** A receive loop started. */
    synchronized void loopStarted() {
        loops++;
    }

    /** A receive loop ended; if it was the last one the others waited for, one of them checks now. */
    synchronized void loopEnded() {
        loops--;
        notifyAll();
    }

    /** The run is ending for another reason: loops waiting here are released to end. */
    synchronized void release() {
        over = true;
        notifyAll();
    }

    /**
     * A loop's long poll came back empty. Returns at once while messages are in flight; otherwise
     * waits until every loop's has, then checks (once, on one of them) whether the queue is drained.
     *
     * @return true when the drain is complete (or the run ends otherwise) and the loop should end;
     *     false when it should poll again
     * @throws SourceException if the queue's counts cannot be read for a permanent reason
     */
    boolean emptyLongPoll() throws InterruptedException, SourceException {
        synchronized (this) {
            if (over || run.inFlight().size() > 0) {
                return over;
            }
            long mine = round;
            waiting++;
            while (!over && round == mine && (checking || waiting < loops)) {
                wait();
            }
            if (over || round != mine) {
                return over;
            }
            checking = true;
        }
        boolean drained = false;
        try {
            drained = run.inFlight().size() == 0 && isEmpty(QueueUpkeep.readBacklog(run));
        } finally {
            synchronized (this) {
                checking = false;
                waiting = 0;
                round++;
                over |= drained;
                notifyAll();
            }
        }
        if (drained) {
            LOG.info("queue drained");
            onDrained.run();
        }
        return drained;
    }

    private static boolean isEmpty(QueueBacklog backlog) {
        return backlog != null && backlog.isEmpty();
    }
}
