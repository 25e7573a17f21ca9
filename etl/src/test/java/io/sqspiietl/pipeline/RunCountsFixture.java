package io.sqspiietl.pipeline;

import io.sqspiietl.sink.WriteResult;
import io.sqspiietl.source.QueueBacklog;
import java.time.Clock;

/** Lets tests outside the pipeline package fill a {@link RunCounts} as a run would. */
public final class RunCountsFixture {
    private final RunCounts counts;

    public RunCountsFixture(Clock clock) {
        this.counts = new RunCounts(clock);
    }

    public RunCounts counts() {
        return counts;
    }

    public RunCountsFixture received(int count) {
        counts.received(count);
        return this;
    }

    public RunCountsFixture committed(WriteResult result) {
        counts.committed(result);
        return this;
    }

    public RunCountsFixture deleted(int count) {
        counts.deleted(count);
        return this;
    }

    public RunCountsFixture backlogSeen(QueueBacklog backlog) {
        counts.backlogSeen(backlog);
        return this;
    }
}
