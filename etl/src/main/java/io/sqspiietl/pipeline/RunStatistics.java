package io.sqspiietl.pipeline;

import io.sqspiietl.sink.SinkRecord;
import io.sqspiietl.sink.WriteResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of one run, fed by the same events as every other {@link PipelineListener}, so the summary
 * and the metrics cannot disagree. Thread-safe.
 */
final class RunStatistics implements PipelineListener {
    private final Clock clock;
    private final Instant start;
    private final AtomicReference<Instant> lastDelete = new AtomicReference<>();
    private final LongAdder received = new LongAdder();
    private final LongAdder loaded = new LongAdder();
    private final LongAdder redelivered = new LongAdder();
    private final LongAdder deleted = new LongAdder();
    private final Map<String, LongAdder> quarantined = new ConcurrentHashMap<>();

    RunStatistics(Clock clock) {
        this.clock = clock;
        this.start = clock.instant();
    }

    @Override
    public void received(int count) {
        received.add(count);
    }

    @Override
    public void deleted(int count) {
        deleted.add(count);
        lastDelete.set(clock.instant());
    }

    @Override
    public void committed(WriteResult result, Duration latency) {
        redelivered.add(result.redelivered());
        for (SinkRecord record : result.written()) {
            if (record instanceof SinkRecord.Quarantine q) {
                quarantined.computeIfAbsent(q.reason(), reason -> new LongAdder()).increment();
            } else {
                loaded.increment();
            }
        }
    }

    RunSummary snapshot() {
        Map<String, Long> byReason = new TreeMap<>();
        quarantined.forEach((reason, count) -> byReason.put(reason, count.sum()));
        Instant last = lastDelete.get();
        return new RunSummary(received.sum(), loaded.sum(), byReason, redelivered.sum(), deleted.sum(),
                Duration.between(start, clock.instant()), last == null ? Duration.ZERO : Duration.between(start, last));
    }
}
