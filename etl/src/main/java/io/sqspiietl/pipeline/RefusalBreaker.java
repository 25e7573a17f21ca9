package io.sqspiietl.pipeline;

import io.sqspiietl.sink.SinkException.Refusal;

/**
 * Tells a poison record from a broken table. One record the database refuses among good ones is bad
 * data, to be quarantined; the same refusal (SQLSTATE and constraint) {@value #THRESHOLD} times in a
 * row with no record committed in between is a failure of the sink (a constraint or a column type a
 * DBA changed), and quarantining would only empty the queue into the quarantine. Twenty is far more
 * than a run of genuinely bad messages in a take-home-shaped stream, and few enough that a broken
 * table stops the run within one batch. Not thread-safe: the writer thread owns it.
 */
final class RefusalBreaker {
    static final int THRESHOLD = 20;

    private Refusal last;
    private int streak;

    /**
     * Records a refused record.
     *
     * @return true when this refusal completes (or extends) a run of {@value #THRESHOLD} alike
     */
    boolean refused(Refusal refusal) {
        if (refusal.equals(last)) {
            streak++;
        } else {
            last = refusal;
            streak = 1;
        }
        return streak >= THRESHOLD;
    }

    /** A record committed: the run of refusals, if any, was poison among good records. */
    void committed() {
        last = null;
        streak = 0;
    }

    /** The refusal of the current run, for the message that names it. */
    Refusal refusal() {
        return last;
    }
}
