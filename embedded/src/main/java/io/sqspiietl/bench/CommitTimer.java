package io.sqspiietl.bench;

import io.sqspiietl.pipeline.PipelineGauges;
import io.sqspiietl.pipeline.PipelineListener;
import io.sqspiietl.pipeline.RunCounts;
import io.sqspiietl.sink.WriteResult;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Adds up the pipeline's commits: how many, how large, and how long the writer spent in them (a writer
 * busy nearly all of the phase is the bottleneck; one that waits much of it is not), and how many
 * receive loops ran at the commits, where the adaptive concurrency settled.
 */
final class CommitTimer implements PipelineListener {
    private final AtomicLong commits = new AtomicLong();
    private final AtomicLong records = new AtomicLong();
    private final AtomicLong nanos = new AtomicLong();
    private final AtomicLong loopCommits = new AtomicLong();
    private final AtomicInteger mostLoops = new AtomicInteger();
    private volatile PipelineGauges gauges;

    @Override
    public void started(RunCounts counts, PipelineGauges levels) {
        gauges = levels;
    }

    @Override
    public void committed(WriteResult result, Duration latency) {
        commits.incrementAndGet();
        records.addAndGet(result.written().size() + result.redelivered());
        nanos.addAndGet(latency.toNanos());
        int loops = gauges.receivers().getAsInt();
        loopCommits.addAndGet(loops);
        mostLoops.accumulateAndGet(loops, Math::max);
    }

    /** "200 commits of 500 messages on average, 21.0 ms each; busy 41% of the phase; 16 receive loops on average, 32 at most" */
    String describe(Duration phase) {
        long count = Math.max(commits.get(), 1);
        return String.format(Locale.ROOT, "%d commits of %d messages on average, %.1f ms each; busy %.0f%% of the phase; "
                        + "%.0f receive loops on average, %d at most",
                commits.get(), records.get() / count, nanos.get() / 1e6 / count, 100.0 * nanos.get() / Math.max(phase.toNanos(), 1),
                (double) loopCommits.get() / count, mostLoops.get());
    }
}
