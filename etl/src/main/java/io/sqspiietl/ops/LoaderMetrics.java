package io.sqspiietl.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.sqspiietl.ops.Readiness.Dependency;
import io.sqspiietl.pipeline.PipelineListener;
import io.sqspiietl.sink.SinkRecord;
import io.sqspiietl.sink.WriteResult;
import io.sqspiietl.source.QueueBacklog;
import java.time.Duration;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;
import java.util.function.ToDoubleFunction;

/**
 * The pipeline's work as Micrometer meters, and the contacts with SQS and PostgreSQL as readiness.
 * Every label is drawn from a fixed set (quarantine rule codes, stage and failure kind, queue state),
 * never from a message. Thread-safe.
 */
public final class LoaderMetrics implements PipelineListener {
    static final String PREFIX = "sqs_pii_etl.";

    private final MeterRegistry registry;
    private final Readiness readiness;
    private final Counter received;
    private final Counter loaded;
    private final Counter redelivered;
    private final Counter deleted;
    private final DistributionSummary batchSize;
    private final Timer commitLatency;
    private final LongAdder quarantined = new LongAdder();
    private final AtomicReference<IntSupplier> inFlight = new AtomicReference<>(() -> 0);
    private final AtomicReference<QueueBacklog> backlog = new AtomicReference<>();
    /** Messages done when the backlog was last seen, to discount what was done since. */
    private final AtomicLong doneAtBacklog = new AtomicLong();

    public LoaderMetrics(MeterRegistry registry, Readiness readiness) {
        this.registry = registry;
        this.readiness = readiness;
        received = counter("messages.received", "Messages received from SQS, redeliveries included");
        loaded = counter("messages.loaded", "Rows committed to user_logins");
        redelivered = counter("messages.redelivered", "Redeliveries skipped because the ledger had their MessageId");
        deleted = counter("messages.deleted", "Messages deleted from SQS after their commit");
        batchSize = DistributionSummary.builder(PREFIX + "batch.size").baseUnit("messages")
                .description("Messages per committed database transaction")
                .serviceLevelObjectives(1, 10, 50, 100, 250, 500, 1000, 2500, 5000, 10_000)
                .register(registry);
        commitLatency = Timer.builder(PREFIX + "commit.latency")
                .description("Duration of one database commit, retries excluded")
                .serviceLevelObjectives(millis(5), millis(10), millis(25), millis(50), millis(100), millis(250),
                        millis(500), millis(1000), millis(2500), millis(5000), millis(10_000))
                .register(registry);
        Gauge.builder(PREFIX + "messages.in.flight", inFlight, supplier -> supplier.get().getAsInt())
                .description("Messages received and neither deleted nor given back yet").register(registry);
        queueGauge("visible", QueueBacklog::visible);
        queueGauge("in_flight", QueueBacklog::inFlight);
        queueGauge("delayed", QueueBacklog::delayed);
    }

    @Override
    public void started(IntSupplier inFlightCount) {
        inFlight.set(inFlightCount);
    }

    @Override
    public void received(int count) {
        received.increment(count);
        readiness.reached(Dependency.SQS);
    }

    @Override
    public void committed(WriteResult result, Duration latency) {
        readiness.reached(Dependency.POSTGRESQL);
        commitLatency.record(latency);
        batchSize.record(result.written().size() + result.redelivered());
        redelivered.increment(result.redelivered());
        for (SinkRecord record : result.written()) {
            if (record instanceof SinkRecord.Quarantine q) {
                quarantined.increment();
                registry.counter(PREFIX + "messages.quarantined", "reason", q.reason()).increment();
            } else {
                loaded.increment();
            }
        }
    }

    @Override
    public void deleted(int count) {
        deleted.increment(count);
        readiness.reached(Dependency.SQS);
    }

    @Override
    public void backlogSeen(QueueBacklog seen) {
        doneAtBacklog.set(done());
        backlog.set(seen);
        readiness.reached(Dependency.SQS);
    }

    @Override
    public void failed(Stage stage, String kind) {
        registry.counter(PREFIX + "errors", "stage", stage.name().toLowerCase(Locale.ROOT), "kind", kind).increment();
        readiness.failed(stage.isQueue() ? Dependency.SQS : Dependency.POSTGRESQL);
    }

    /** The counts so far, for the progress display. */
    public ProgressSnapshot snapshot() {
        QueueBacklog seen = backlog.get();
        OptionalLong remaining = seen == null
                ? OptionalLong.empty()
                : OptionalLong.of(Math.max(0, seen.total() - (done() - doneAtBacklog.get())));
        return new ProgressSnapshot((long) received.count(), (long) loaded.count(), quarantined.sum(),
                (long) redelivered.count(), remaining);
    }

    private long done() {
        return (long) (loaded.count() + redelivered.count()) + quarantined.sum();
    }

    private Counter counter(String name, String description) {
        return Counter.builder(PREFIX + name).description(description).register(registry);
    }

    private void queueGauge(String state, ToDoubleFunction<QueueBacklog> count) {
        Gauge.builder(PREFIX + "queue.messages", backlog, seen -> seen.get() == null ? Double.NaN : count.applyAsDouble(seen.get()))
                .description("The queue's approximate message count as last seen, by state")
                .tag("state", state).register(registry);
    }

    private static Duration millis(long millis) {
        return Duration.ofMillis(millis);
    }
}
