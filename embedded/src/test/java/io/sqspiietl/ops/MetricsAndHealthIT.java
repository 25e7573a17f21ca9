package io.sqspiietl.ops;

import static org.assertj.core.api.Assertions.assertThat;

import io.sqspiietl.masking.MaskingKeyset;
import io.sqspiietl.pipeline.Loader;
import io.sqspiietl.pipeline.PipelineSettings;
import io.sqspiietl.pipeline.RunSummary;
import io.sqspiietl.sample.SyntheticLogins;
import io.sqspiietl.sink.DatabasePing;
import io.sqspiietl.sink.DatabaseSettings;
import io.sqspiietl.source.SqsProtocol;
import io.sqspiietl.testing.TestLoaders;
import io.sqspiietl.testing.TestServices;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code /metrics} tells the exact outcome of a run; {@code /health/ready} follows PostgreSQL. */
class MetricsAndHealthIT {
    private static final Duration FAST_PROBE = Duration.ofMillis(200);
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void scrapedCountersEqualTheRunsOutcomeDuringAndAfterTheRun() throws Exception {
        String queueUrl = TestServices.newQueue();
        String jdbcUrl = TestServices.newDatabaseWithSchema();
        DatabaseSettings database = new DatabaseSettings(jdbcUrl, null, null);
        List<String> ids = TestServices.sendEach(queueUrl, SyntheticLogins.takeHomeSample());
        // Three messages whose MessageId is already in the ledger: redeliveries that must be skipped.
        markCommitted(jdbcUrl, ids.subList(0, 3));

        try (Operations operations = new Operations(Clock.systemUTC())) {
            operations.serve(0, () -> { }, FAST_PROBE);
            try (Loader loader = TestLoaders.open(TestServices.sqsSettings(queueUrl, SqsProtocol.JSON), database, MaskingKeyset::generate,
                    PipelineSettings.defaults(true).withReceivers(2).withBatches(10, Duration.ofMillis(20)), Clock.systemUTC(), operations.listener())) {
                CompletableFuture<RunSummary> run = TestLoaders.inBackground(loader);
                int scrapesDuringRun = 0;
                long doneInEarlierScrape = 0;
                while (!run.isDone()) {
                    String metrics = get(operations.port(), "/metrics").body();
                    // A message is counted as received before its outcome is: never more done than received.
                    // One scrape reads its counters one after another, not at one instant, so the outcomes
                    // of an earlier scrape are held against the received count of a later one.
                    assertThat(doneInEarlierScrape).isLessThanOrEqualTo(value(metrics, "sqs_pii_etl_messages_received_total"));
                    doneInEarlierScrape = value(metrics, "sqs_pii_etl_messages_loaded_total")
                            + value(metrics, "sqs_pii_etl_messages_quarantined_total\\{reason=\"missing_field\"}")
                            + value(metrics, "sqs_pii_etl_messages_redelivered_total");
                    scrapesDuringRun++;
                    Thread.sleep(20);
                }
                RunSummary summary = run.get(1, TimeUnit.MINUTES);
                assertThat(scrapesDuringRun).isPositive();

                HttpResponse<String> response = get(operations.port(), "/metrics");
                assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> type.startsWith("text/plain"));
                String metrics = response.body();
                assertThat(value(metrics, "sqs_pii_etl_messages_received_total")).isEqualTo(100);
                assertThat(value(metrics, "sqs_pii_etl_messages_loaded_total")).isEqualTo(96);
                assertThat(value(metrics, "sqs_pii_etl_messages_quarantined_total\\{reason=\"missing_field\"}")).isEqualTo(1);
                assertThat(value(metrics, "sqs_pii_etl_messages_redelivered_total")).isEqualTo(3);
                assertThat(value(metrics, "sqs_pii_etl_messages_deleted_total")).isEqualTo(100);
                assertThat(value(metrics, "sqs_pii_etl_batch_size_messages_sum")).isEqualTo(100);
                assertThat(value(metrics, "sqs_pii_etl_messages_in_flight")).isZero();
                assertThat(value(metrics, "sqs_pii_etl_queue_messages\\{state=\"visible\"}")).isZero();
                assertThat(metrics).contains("sqs_pii_etl_commit_latency_seconds_bucket", "jvm_memory_used_bytes");
                assertThat(summary.received()).isEqualTo(summary.loaded() + summary.quarantined() + summary.redelivered());
                assertThat(summary.loaded()).isEqualTo(96);
                // Labels never carry a MessageId.
                for (String id : ids) {
                    assertThat(metrics).doesNotContain(id);
                }
            }
        }
    }

    @Test
    void readinessFlipsWhenPostgresStopsAndComesBack() throws Exception {
        String queueUrl = TestServices.newQueue();
        DatabaseSettings database = new DatabaseSettings(TestServices.newDatabase(), null, null);
        try (Operations operations = new Operations(Clock.systemUTC())) {
            operations.serve(0, new DatabasePing(database)::ping, FAST_PROBE);
            try (Loader loader = TestLoaders.open(TestServices.sqsSettings(queueUrl, SqsProtocol.JSON), database, MaskingKeyset::generate,
                    PipelineSettings.defaults(false).withReceivers(1).withBatches(10, Duration.ofMillis(20)), Clock.systemUTC(), operations.listener())) {
                CompletableFuture<RunSummary> run = TestLoaders.inBackground(loader);
                try {
                    assertThat(get(operations.port(), "/health/live").statusCode()).isEqualTo(200);
                    awaitStatus(operations.port(), 200);
                    TestServices.postgres().stopServer();
                    try {
                        assertThat(awaitStatus(operations.port(), 503)).contains("postgresql=failing").contains("sqs=ok");
                        assertThat(get(operations.port(), "/health/live").statusCode()).isEqualTo(200);
                    } finally {
                        TestServices.postgres().startServer();
                    }
                    awaitStatus(operations.port(), 200);
                } finally {
                    loader.stop();
                    run.get(1, TimeUnit.MINUTES);
                }
            }
        }
    }

    private String awaitStatus(int port, int status) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        HttpResponse<String> response = get(port, "/health/ready");
        while (response.statusCode() != status && System.nanoTime() < deadline) {
            Thread.sleep(100);
            response = get(port, "/health/ready");
        }
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return response.body();
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The value of one sample in Prometheus text, 0 when the series does not exist yet. */
    private static long value(String metrics, String series) {
        Matcher matcher = Pattern.compile("(?m)^" + series + " (\\S+)$").matcher(metrics);
        return matcher.find() ? (long) Double.parseDouble(matcher.group(1)) : 0;
    }

    private static void markCommitted(String jdbcUrl, List<String> ids) throws Exception {
        try (Connection connection = DriverManager.getConnection(jdbcUrl);
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO sqs_pii_etl_ledger(message_id, outcome) VALUES (?, 'loaded')")) {
            for (String id : ids) {
                insert.setString(1, id);
                insert.executeUpdate();
            }
        }
    }
}
