package io.sqspiietl.bench;

import io.sqspiietl.pipeline.PipelineListener;
import io.sqspiietl.sink.WriteResult;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Adds up the pipeline's commits: how many, how large, and how long the writer spent in them. A writer
 * busy nearly all of the phase is the bottleneck; one that waits much of it is not.
 */
final class CommitTimer implements PipelineListener {
    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong records = new AtomicLong();
    private final AtomicLong nanos = new AtomicLong();

    @Override
    public void committed(WriteResult result, Duration latency) {
        commits.incrementAndGet();
        records.addAndGet(result.written().size() + result.redelivered());
        nanos.addAndGet(latency.toNanos());
    }

    /** "200 commits of 500 messages on average, 21.0 ms each; busy 41% of the phase" */
    String describe(Duration phase) {
        long count = Math.max(commits.get(), 1);
        return String.format(Locale.ROOT, "%d commits of %d messages on average, %.1f ms each; busy %.0f%% of the phase",
                commits.get(), records.get() / count, nanos.get() / 1e6 / count, 100.0 * nanos.get() / Math.max(phase.toNanos(), 1));
    }
}
