package io.sqspiietl.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sqspiietl.pipeline.PipelineGauges;
import io.sqspiietl.pipeline.PipelineListener.Stage;
import io.sqspiietl.pipeline.RunCountsFixture;
import io.sqspiietl.sink.QuarantineCause;
import io.sqspiietl.sink.SinkRecord;
import io.sqspiietl.sink.TestRows;
import io.sqspiietl.sink.WriteResult;
import io.sqspiietl.source.QueueBacklog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LoaderMetricsTest {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Readiness readiness = new Readiness(Clock.systemUTC(), Duration.ofSeconds(30));
    private final LoaderMetrics metrics = new LoaderMetrics(registry, readiness);
    private final RunCountsFixture run = new RunCountsFixture(Clock.systemUTC());

    @Test
    void countersShowTheRunsCountsWithLowCardinalityLabels() {
        metrics.started(run.counts(), new PipelineGauges(() -> 4, () -> 2048, () -> 16, () -> 3));
        WriteResult result = new WriteResult(List.of(load("id-1"), quarantine("id-2", "missing_field")), 1);
        run.received(3).committed(result).deleted(3);
        metrics.committed(result, Duration.ofMillis(7));
        metrics.failed(Stage.DELETE, "transient");
        metrics.ignoredUnknownFields(2);

        String text = registry.scrape();
        assertThat(text).contains("sqs_pii_etl_messages_received_total 3.0",
                "sqs_pii_etl_messages_loaded_total 1.0",
                "sqs_pii_etl_messages_quarantined_total{reason=\"missing_field\"} 1.0",
                "sqs_pii_etl_messages_redelivered_total 1.0",
                "sqs_pii_etl_messages_deleted_total 3.0",
                "sqs_pii_etl_errors_total{kind=\"transient\",stage=\"delete\"} 1.0",
                "sqs_pii_etl_batch_size_messages_sum 3.0",
                "sqs_pii_etl_commit_latency_seconds_count 1",
                "sqs_pii_etl_messages_in_flight 4.0",
                "sqs_pii_etl_in_flight_bytes 2048.0",
                "sqs_pii_etl_receivers 16.0",
                "sqs_pii_etl_deleters 3.0",
                "sqs_pii_etl_unknown_fields_total 2.0");
        assertThat(text).doesNotContain("id-1").doesNotContain("id-2");
    }

    @Test
    void queueGaugesShowTheLastCountsSeen() {
        metrics.started(run.counts(), new PipelineGauges(() -> 0, () -> 0, () -> 1, () -> 0));
        assertThat(registry.scrape()).contains("sqs_pii_etl_queue_messages{state=\"visible\"} NaN");
        run.backlogSeen(new QueueBacklog(90, 10, 0));
        assertThat(registry.scrape()).contains("sqs_pii_etl_queue_messages{state=\"visible\"} 90.0",
                "sqs_pii_etl_queue_messages{state=\"in_flight\"} 10.0", "sqs_pii_etl_queue_messages{state=\"delayed\"} 0.0");
    }

    private static SinkRecord load(String id) {
        return new SinkRecord.Load(id, TestRows.login("u"));
    }

    private static SinkRecord quarantine(String id, String reason) {
        return new SinkRecord.Quarantine(id, id, QuarantineCause.rejected("validate", null, reason, "user_id"), Instant.EPOCH, 1,
                new byte[0]);
    }
}
