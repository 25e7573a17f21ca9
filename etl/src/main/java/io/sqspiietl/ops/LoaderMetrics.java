package io.sqspiietl.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.sqspiietl.ops.Readiness.Dependency;
import io.sqspiietl.pipeline.PipelineGauges;
import io.sqspiietl.pipeline.PipelineListener;
import io.sqspiietl.pipeline.RunCounts;
import io.sqspiietl.sink.SinkRecord;
import io.sqspiietl.sink.WriteResult;
import io.sqspiietl.source.QueueBacklog;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * The pipeline's work as Micrometer meters, and the contacts with SQS and PostgreSQL as readiness.
 * The counters read the run's {@link RunCounts}, so they show exactly what the summary shows. Every
 * label is drawn from a fixed set (quarantine rule codes, stage and failure kind, queue state), never
 * from a message. Thread-safe.
 */
public final class LoaderMetrics implements PipelineListener {
    static final String PREFIX = "sqs_pii_etl.";

    private final MeterRegistry registry;
    private final Readiness readiness;
    private final DistributionSummary batchSize;
    private final Timer commitLatency;
    private final Counter unknownFields;
    private final AtomicReference<RunCounts> counts = new AtomicReference<>();
    private final Set<String> quarantineReasons = ConcurrentHashMap.newKeySet();

    public LoaderMetrics(MeterRegistry registry, Readiness readiness) {
        this.registry = registry;
        this.readiness = readiness;
        batchSize = DistributionSummary.builder(PREFIX + "batch.size").baseUnit("messages")
                .description("Messages per committed database transaction")
                .serviceLevelObjectives(1, 10, 50, 100, 250, 500, 1000, 2500, 5000, 10_000)
                .register(registry);
        commitLatency = Timer.builder(PREFIX + "commit.latency")
                .description("Duration of one database commit, retries excluded")
                .serviceLevelObjectives(millis(5), millis(10), millis(25), millis(50), millis(100), millis(250),
                        millis(500), millis(1000), millis(2500), millis(5000), millis(10_000))
                .register(registry);
        unknownFields = Counter.builder(PREFIX + "unknown.fields")
                .description("Fields of valid messages that map to no column, ignored (a new field upstream shows here)")
                .register(registry);
    }

    @Override
    public void started(RunCounts run, PipelineGauges gauges) {
        counts.set(run);
        counter("messages.received", "Messages received from SQS, redeliveries included", RunCounts::received);
        counter("messages.loaded", "Rows committed to the contracts' tables", RunCounts::loaded);
        counter("messages.redelivered", "Redeliveries skipped because the ledger had their key", RunCounts::redelivered);
        counter("messages.deleted", "Messages deleted from SQS after their commit", RunCounts::deleted);
        gauge("messages.in.flight", "Messages received and neither deleted nor given back yet",
                gauges, g -> g.inFlightMessages().getAsInt());
        Gauge.builder(PREFIX + "in.flight", gauges, g -> g.inFlightBytes().getAsLong()).baseUnit("bytes")
                .description("Memory held by messages in flight, with room reserved for receives under way")
                .register(registry);
        gauge("receivers", "Receive loops running now", gauges, g -> g.receivers().getAsInt());
        gauge("deleters", "Delete calls under way now", gauges, g -> g.deleters().getAsInt());
        queueGauge(run, "visible", QueueBacklog::visible);
        queueGauge(run, "in_flight", QueueBacklog::inFlight);
        queueGauge(run, "delayed", QueueBacklog::delayed);
    }

    @Override
    public void succeeded(Stage stage) {
        readiness.reached(dependency(stage));
    }

    @Override
    public void committed(WriteResult result, Duration latency) {
        readiness.reached(Dependency.POSTGRESQL);
        commitLatency.record(latency);
        batchSize.record(result.written().size() + result.redelivered());
        RunCounts run = counts.get();
        for (SinkRecord record : result.written()) {
            if (record instanceof SinkRecord.Quarantine q && run != null && quarantineReasons.add(q.reason())) {
                FunctionCounter.builder(PREFIX + "messages.quarantined", run, c -> c.quarantined(q.reason()))
                        .description("Quarantine entries committed, by rule").tag("reason", q.reason())
                        .register(registry);
            }
        }
    }

    @Override
    public void keyBinding(boolean matches) {
        readiness.keyBinding(matches);
    }

    @Override
    public void ignoredUnknownFields(int count) {
        unknownFields.increment(count);
    }

    @Override
    public void failed(Stage stage, String kind) {
        registry.counter(PREFIX + "errors", "stage", stage.name().toLowerCase(Locale.ROOT), "kind", kind).increment();
        readiness.failed(dependency(stage));
    }

    private static Dependency dependency(Stage stage) {
        return stage.isQueue() ? Dependency.SQS : Dependency.POSTGRESQL;
    }

    private void counter(String name, String description, ToLongFunction<RunCounts> count) {
        FunctionCounter.builder(PREFIX + name, counts.get(), c -> count.applyAsLong(c))
                .description(description).register(registry);
    }

    private void gauge(String name, String description, PipelineGauges gauges, ToDoubleFunction<PipelineGauges> level) {
        Gauge.builder(PREFIX + name, gauges, level).description(description).register(registry);
    }

    private void queueGauge(RunCounts run, String state, ToDoubleFunction<QueueBacklog> count) {
        Gauge.builder(PREFIX + "queue.messages", run,
                        c -> c.lastBacklog().map(count::applyAsDouble).orElse(Double.NaN))
                .description("The queue's approximate message count as last seen, by state")
                .tag("state", state).register(registry);
    }

    private static Duration millis(long millis) {
        return Duration.ofMillis(millis);
    }
}
