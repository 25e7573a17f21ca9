package io.sqspiietl.pipeline;

import io.sqspiietl.sink.SinkRecord;
import io.sqspiietl.sink.WriteResult;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counters of one run, updated by all pipeline threads. Thread-safe. */
final class RunStatistics {
    private final LongAdder received = new LongAdder();
    private final LongAdder loaded = new LongAdder();
    private final LongAdder redelivered = new LongAdder();
    private final LongAdder deleted = new LongAdder();
    private final Map<String, LongAdder> quarantined = new ConcurrentHashMap<>();

    void received(int count) {
        received.add(count);
    }

    void deleted(int count) {
        deleted.add(count);
    }

    void committed(WriteResult result) {
        redelivered.add(result.redelivered());
        for (SinkRecord record : result.written()) {
            if (record instanceof SinkRecord.Quarantine q) {
                quarantined.computeIfAbsent(q.reason(), reason -> new LongAdder()).increment();
            } else {
                loaded.increment();
            }
        }
    }

    RunSummary snapshot(Duration elapsed) {
        Map<String, Long> byReason = new TreeMap<>();
        quarantined.forEach((reason, count) -> byReason.put(reason, count.sum()));
        return new RunSummary(received.sum(), loaded.sum(), byReason, redelivered.sum(), deleted.sum(), elapsed);
    }
}
