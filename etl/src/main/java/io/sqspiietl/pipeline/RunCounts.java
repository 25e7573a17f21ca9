package io.sqspiietl.pipeline;

import io.sqspiietl.sink.SinkRecord;
import io.sqspiietl.sink.WriteResult;
import io.sqspiietl.source.QueueBacklog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * The one place that counts what a run did. The pipeline's parts record into it as they work; the
 * summary, the progress display and the metrics all read it, so they cannot disagree. Thread-safe;
 * reads are live and need no lock.
 */
public final class RunCounts {
    private final Clock clock;
    private final Instant start;
    private final LongAdder received = new LongAdder();
    private final LongAdder loaded = new LongAdder();
    private final LongAdder redelivered = new LongAdder();
    private final LongAdder deleted = new LongAdder();
    private final Map<String, LongAdder> quarantined = new ConcurrentHashMap<>();
    private final AtomicReference<Instant> lastDelete = new AtomicReference<>();
    private final AtomicReference<BacklogSeen> backlog = new AtomicReference<>();

    /** The queue's counts as last seen, and how many messages were done at that moment. */
    private record BacklogSeen(QueueBacklog backlog, long doneThen) {
    }

    RunCounts(Clock clock) {
        this.clock = clock;
        this.start = clock.instant();
    }

    void received(int count) {
        received.add(count);
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

    void deleted(int count) {
        deleted.add(count);
        lastDelete.set(clock.instant());
    }

    void backlogSeen(QueueBacklog seen) {
        backlog.set(new BacklogSeen(seen, done()));
    }

    /** Messages received, redeliveries included. */
    public long received() {
        return received.sum();
    }

    /** Rows committed to the contracts' tables. */
    public long loaded() {
        return loaded.sum();
    }

    /** Quarantine entries committed, whatever the reason. */
    public long quarantined() {
        return quarantined.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Quarantine entries committed for one reason (rule code). */
    public long quarantined(String reason) {
        LongAdder count = quarantined.get(reason);
        return count == null ? 0 : count.sum();
    }

    /** Redeliveries skipped because the ledger had their key. */
    public long redelivered() {
        return redelivered.sum();
    }

    /** Messages deleted from the queue after their commit. */
    public long deleted() {
        return deleted.sum();
    }

    /** Messages whose outcome is committed: loaded, quarantined or skipped. */
    public long done() {
        return loaded() + quarantined() + redelivered();
    }

    /** The queue's counts as last seen, if it was asked yet. */
    public Optional<QueueBacklog> lastBacklog() {
        BacklogSeen seen = backlog.get();
        return seen == null ? Optional.empty() : Optional.of(seen.backlog());
    }

    /** Messages still to do: the queue's last count less what was done since; empty before it was asked. */
    public OptionalLong remaining() {
        BacklogSeen seen = backlog.get();
        return seen == null ? OptionalLong.empty()
                : OptionalLong.of(Math.max(0, seen.backlog().total() - (done() - seen.doneThen())));
    }

    /** Time since the run started. */
    public Duration elapsed() {
        return Duration.between(start, clock.instant());
    }

    /** The counts as they are now. */
    public RunSummary summary() {
        Map<String, Long> byReason = new TreeMap<>();
        quarantined.forEach((reason, count) -> byReason.put(reason, count.sum()));
        Instant last = lastDelete.get();
        return new RunSummary(received(), loaded(), byReason, redelivered(), deleted(),
                elapsed(), last == null ? Duration.ZERO : Duration.between(start, last));
    }
}
