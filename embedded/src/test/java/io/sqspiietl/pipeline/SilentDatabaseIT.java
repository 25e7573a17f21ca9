package io.sqspiietl.pipeline;

import static io.sqspiietl.testing.SyntheticLoad.assertLoadedExactlyOnce;
import static io.sqspiietl.testing.SyntheticLoad.awaitRows;
import static io.sqspiietl.testing.SyntheticLoad.seededQueue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sqspiietl.embedded.TcpRelay;
import io.sqspiietl.masking.MaskingKeyset;
import io.sqspiietl.ops.Operations;
import io.sqspiietl.sample.QueueSeeder;
import io.sqspiietl.sample.SyntheticLogins;
import io.sqspiietl.sink.DatabasePing;
import io.sqspiietl.sink.DatabaseSettings;
import io.sqspiietl.sink.PostgresSink;
import io.sqspiietl.sink.SinkException;
import io.sqspiietl.sink.SinkRecord;
import io.sqspiietl.sink.TestRows;
import io.sqspiietl.sink.WriteResult;
import io.sqspiietl.source.SqsProtocol;
import io.sqspiietl.testing.Await;
import io.sqspiietl.testing.TestLoaders;
import io.sqspiietl.testing.TestServices;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The database's connections go silent in the middle of a run: they stay open, but nothing crosses
 * them any more and no FIN or RST arrives, as after a failover or a NAT timeout, while new connections
 * work (a {@link TcpRelay} between the loader and PostgreSQL plays the network). The loader gives the
 * silent connection up within the README's bound, connects again, ends the server session it left,
 * retries the batch in doubt, and loads every message exactly once.
 */
class SilentDatabaseIT {
    /** 20,000 as in the issue that found the hang: a drain of about ten seconds here, a tenth of it before the silence. */
    private static final int MESSAGES = 20_000;
    /** pgjdbc's socketTimeout of every connection: the README's bound on waiting for an answer. */
    private static final Duration READ_BOUND = Duration.ofSeconds(30);
    /** The README's bound on a whole batch transaction, which also ends a write blocked by the silence. */
    private static final Duration TRANSACTION_BOUND = Duration.ofSeconds(60);
    /** Reconnecting, ending the abandoned session and committing again, on a shared 2-core machine. */
    private static final Duration RECOVERY_MARGIN = Duration.ofSeconds(10);

    private final MaskingKeyset keyset = MaskingKeyset.generate();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void aDrainWhoseDatabaseConnectionsGoSilentLoadsEveryMessageOnceWithinTheBound() throws Exception {
        Drain undisturbed = drain(target -> { });
        Drain silenced = drain(target -> {
            awaitRows(target.jdbcUrl(), MESSAGES / 10);
            target.relay().silence();
        });

        Duration toFirstNewCommit = silenced.commits.firstStartedAfter(silenced.faultAt);
        System.out.printf("silent database connections: silence to first new commit %.1f s; drain of %,d messages"
                        + " %.1f s with the silence, %.1f s without%n", seconds(toFirstNewCommit), MESSAGES,
                seconds(silenced.took), seconds(undisturbed.took));
        assertThat(toFirstNewCommit).isLessThan(READ_BOUND.plus(RECOVERY_MARGIN));
        assertThat(silenced.took).isLessThan(undisturbed.took.plus(READ_BOUND).plus(RECOVERY_MARGIN));
        assertThat(silenced.relay.connectionsAccepted()).as("connected again").isGreaterThan(undisturbed.relay.connectionsAccepted());
        // At most the one batch in doubt was committed without its answer; its retry skipped it.
        assertThat(silenced.summary.redelivered()).isLessThanOrEqualTo(PipelineSettings.DEFAULT_BATCH_SIZE);
    }

    @Test
    void aCommitWhoseAnswerNeverCameIsRetriedExactly() throws Exception {
        String queueUrl = seededQueue(2_000, Map.of());
        String jdbcUrl = TestServices.newDatabaseWithSchema();
        try (TcpRelay relay = TestServices.postgresRelay();
             // A short read bound in the URL (it overrides the tool's) keeps the test short; the path is the same.
             Loader loader = TestLoaders.open(TestServices.sqsSettings(queueUrl, SqsProtocol.JSON),
                     new DatabaseSettings(TestServices.throughRelay(jdbcUrl, relay) + "&socketTimeout=3", null, null),
                     keyset, PipelineSettings.defaults(true).withBatches(500, Duration.ofMillis(200)), Clock.systemUTC())) {
            // The first batch's COMMIT reaches PostgreSQL, which commits; its answer never comes back.
            relay.silenceOnceClientSends("COMMIT");
            RunSummary summary = loader.run();

            assertThat(summary.redelivered()).as("the batch in doubt, found in the ledger on its retry").isPositive();
            assertThat(summary.loaded() + summary.quarantined() + summary.redelivered()).as(summary.toString()).isEqualTo(2_000);
            assertThat(relay.connectionsAccepted()).as("connected again after giving the silent connection up").isGreaterThan(1);
        }
        assertLoadedExactlyOnce(jdbcUrl, queueUrl, 2_000);
    }

    @Test
    void aWriteBlockedBySilenceIsEndedByTheTransactionDeadlineAndItsSessionByTheRetry() throws Exception {
        String jdbcUrl = TestServices.newDatabaseWithSchema();
        // About 15 MB of row data: more than the socket buffers between the tool and the relay hold (4 MB here).
        List<SinkRecord> batch = widestRows(20_000);
        try (TcpRelay relay = TestServices.postgresRelay();
             // Reads would give up after 3 s: a failure only at the deadline shows the write itself was stuck.
             PostgresSink sink = new PostgresSink(new DatabaseSettings(TestServices.throughRelay(jdbcUrl, relay)
                     + "&socketTimeout=3", null, null))) {
            sink.open();
            sink.requireBinding(KeysetBinding.of(MaskingKeyset.generate()));
            relay.silenceOnceClientSends(userId(0)); // in the first chunk of row data, once the COPY has begun
            long start = System.nanoTime();
            assertThatThrownBy(() -> sink.write(batch)).isInstanceOfSatisfying(SinkException.class,
                    e -> assertThat(e.isTransient()).as(e.getMessage()).isTrue());
            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .isBetween(TRANSACTION_BOUND, TRANSACTION_BOUND.plus(RECOVERY_MARGIN));

            // The server session still waits in the COPY, holding the batch's ledger keys, until the retry ends it.
            WriteResult retried = sink.write(batch);
            assertThat(retried.written()).hasSize(batch.size());
            assertThat(retried.redelivered()).isZero();
        }
        assertThat(TestServices.count(jdbcUrl, "SELECT count(*) FROM user_logins")).isEqualTo(batch.size());
        assertThat(TestServices.count(jdbcUrl, "SELECT count(*) FROM sqs_pii_etl_ledger")).isEqualTo(batch.size());
    }

    @Test
    void aServiceIsUnreadyWhileItCannotReachTheDatabaseAndReadyAgainAfter() throws Exception {
        String queueUrl = seededQueue(100, Map.of());
        String jdbcUrl = TestServices.newDatabaseWithSchema();
        try (TcpRelay relay = TestServices.postgresRelay(); Operations operations = new Operations(Clock.systemUTC())) {
            DatabaseSettings database = new DatabaseSettings(TestServices.throughRelay(jdbcUrl, relay), null, null);
            operations.serve(0, new DatabasePing(database)::ping, Duration.ofMillis(200));
            try (Loader loader = TestLoaders.open(TestServices.sqsSettings(queueUrl, SqsProtocol.JSON), database, () -> keyset,
                    PipelineSettings.defaults(false).withReceivers(1), Clock.systemUTC(), operations.listener())) {
                CompletableFuture<RunSummary> run = TestLoaders.inBackground(loader);
                try {
                    awaitRows(jdbcUrl, 100 - SyntheticLogins.wrongTypeCount(100));
                    awaitReadiness(operations.port(), 200);
                    // A failover: the open connections go silent, and new ones are refused for 20 s.
                    relay.silence();
                    relay.refuseConnectionsFor(Duration.ofSeconds(20));
                    long failover = System.nanoTime();
                    new QueueSeeder(TestServices.sqs().client(), queueUrl).send(new SyntheticLogins(7).next(100));
                    assertThat(awaitReadiness(operations.port(), 503)).contains("postgresql=failing");
                    awaitReadiness(operations.port(), 200);
                    assertThat(Duration.ofNanos(System.nanoTime() - failover)).as("ready again once connections are accepted")
                            .isGreaterThan(Duration.ofSeconds(19));
                    Await.until(READ_BOUND.plus(RECOVERY_MARGIN).plus(Duration.ofSeconds(20)), () -> TestServices.count(jdbcUrl,
                            "SELECT count(*) FROM user_logins") == 200 - SyntheticLogins.wrongTypeCount(200));
                } finally {
                    loader.stop();
                    run.get(1, TimeUnit.MINUTES);
                }
            }
        }
        assertLoadedExactlyOnce(jdbcUrl, queueUrl, 200);
    }

    /** Waits up to a minute for {@code /health/ready} to answer {@code status}; returns the body. */
    private String awaitReadiness(int port, int status) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health/ready")).build();
        AtomicReference<HttpResponse<String>> response = new AtomicReference<>();
        Await.until(Duration.ofMinutes(1), () -> {
            response.set(http.send(request, HttpResponse.BodyHandlers.ofString()));
            return response.get().statusCode() == status;
        });
        return response.get().body();
    }

    /** One drain of {@link #MESSAGES} through a relay in front of PostgreSQL, with a fault played during it. */
    private Drain drain(Fault fault) throws Exception {
        String queueUrl = seededQueue(MESSAGES, Map.of());
        String jdbcUrl = TestServices.newDatabaseWithSchema();
        CommitTimes commits = new CommitTimes();
        try (TcpRelay relay = TestServices.postgresRelay();
             Loader loader = TestLoaders.open(TestServices.sqsSettings(queueUrl, SqsProtocol.JSON),
                     new DatabaseSettings(TestServices.throughRelay(jdbcUrl, relay), null, null), () -> keyset,
                     PipelineSettings.defaults(true), Clock.systemUTC(), commits)) {
            long start = System.nanoTime();
            CompletableFuture<RunSummary> run = TestLoaders.inBackground(loader);
            fault.play(new FaultTarget(relay, jdbcUrl));
            long faultAt = System.nanoTime();
            RunSummary summary = run.get(3, TimeUnit.MINUTES);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertLoadedExactlyOnce(jdbcUrl, queueUrl, MESSAGES);
            assertThat(summary.loaded() + summary.quarantined() + summary.redelivered()).as(summary.toString()).isEqualTo(MESSAGES);
            return new Drain(summary, took, faultAt, commits, relay);
        }
    }

    /** Rows as wide as the contract allows, each under its own MessageId. */
    private static List<SinkRecord> widestRows(int count) {
        String masked = "m".repeat(256);
        List<SinkRecord> rows = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            rows.add(new SinkRecord.Load("message-" + i, TestRows.login(userId(i), "t".repeat(32), masked, masked,
                    "l".repeat(32), 2_003_000, LocalDate.of(2026, 1, 1))));
        }
        return rows;
    }

    /** A user id of the full 128 characters, unique to row {@code i}. */
    private static String userId(int i) {
        return String.format("%0128d", i);
    }

    private static double seconds(Duration duration) {
        return duration.toMillis() / 1000.0;
    }

    /** What a fault acts on: the relay, and the database behind it reached directly. */
    private record FaultTarget(TcpRelay relay, String jdbcUrl) {
    }

    @FunctionalInterface
    private interface Fault {
        void play(FaultTarget target) throws Exception;
    }

    /** How a drain went. {@code faultAt} is when the fault was played ({@link System#nanoTime()}). */
    private record Drain(RunSummary summary, Duration took, long faultAt, CommitTimes commits, TcpRelay relay) {
    }

    /** When each commit started and ended ({@link System#nanoTime()}), from the pipeline's own reports. */
    private static final class CommitTimes implements PipelineListener {
        private record Commit(long start, long end) {
        }

        private final ConcurrentLinkedQueue<Commit> commits = new ConcurrentLinkedQueue<>();

        @Override
        public void committed(WriteResult result, Duration latency) {
            long end = System.nanoTime();
            commits.add(new Commit(end - latency.toNanos(), end));
        }

        /** From {@code nanoTime} to the end of the first commit begun after it: a commit on a new connection. */
        Duration firstStartedAfter(long nanoTime) {
            long end = commits.stream().filter(commit -> commit.start() > nanoTime).mapToLong(Commit::end).min()
                    .orElseThrow(() -> new AssertionError("no commit after the fault"));
            return Duration.ofNanos(end - nanoTime);
        }
    }
}
