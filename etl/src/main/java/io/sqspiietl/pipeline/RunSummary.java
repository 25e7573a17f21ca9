package io.sqspiietl.pipeline;

import java.time.Duration;
import java.util.Map;

/**
 * What a run did.
 *
 * @param received            messages received, redeliveries included
 * @param loaded              rows committed to the contracts' tables
 * @param quarantinedByReason quarantine entries committed, by rule code
 * @param redelivered         messages skipped because their MessageId was committed before, including
 *                            those of a commit that landed while its acknowledgement was lost
 * @param deleted             messages deleted from the queue
 * @param elapsed             wall time of the run, including the wait that confirms a drained queue
 * @param busy                time from the start to the last delete: the span in which work was done
 */
public record RunSummary(long received, long loaded, Map<String, Long> quarantinedByReason,
                         long redelivered, long deleted, Duration elapsed, Duration busy) {
    public RunSummary {
        quarantinedByReason = Map.copyOf(quarantinedByReason);
    }

    /** All quarantine entries committed, whatever the reason. */
    public long quarantined() {
        return quarantinedByReason.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Messages deleted per second while there was work: the run's throughput. */
    public double rate() {
        double seconds = Math.max(busy.toNanos(), 1) / 1e9;
        return deleted / seconds;
    }
}
