package io.sqspiietl.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.sqspiietl.embedded.TcpRelay;
import io.sqspiietl.masking.MaskingKeyset;
import io.sqspiietl.sample.QueueSeeder;
import io.sqspiietl.sample.SyntheticLogins;
import io.sqspiietl.sink.DatabaseSettings;
import io.sqspiietl.sink.LoginSink;
import io.sqspiietl.sink.PostgresSink;
import io.sqspiietl.sink.SinkException;
import io.sqspiietl.sink.SinkRecord;
import io.sqspiietl.sink.WriteResult;
import io.sqspiietl.source.QueueBacklog;
import io.sqspiietl.source.SqsMessageSource;
import io.sqspiietl.source.SqsProtocol;
import io.sqspiietl.source.SqsSettings;
import io.sqspiietl.testing.LoaderProcess;
import io.sqspiietl.testing.TestServices;
import io.sqspiietl.transform.MessageReader;
import io.sqspiietl.transform.SnsEnvelopeMode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Faults injected into real runs: crashes, outages of either service, competing loaders and slow
 * commits. After each, the table holds exactly the valid messages once, the quarantine exactly the
 * invalid ones, and the queue is empty.
 */
class FaultToleranceIT {
    private static final Duration EXIT_TIMEOUT = Duration.ofMinutes(3);

    @TempDir
    Path dir;

    private MaskingKeyset keyset;
    private Path keysetFile;
    private String jdbcUrl;

    @BeforeEach
    void setUp() throws Exception {
        keyset = MaskingKeyset.generate();
        keysetFile = dir.resolve("keyset.json");
        keyset.writeNew(keysetFile);
        jdbcUrl = TestServices.newDatabaseWithSchema(); // so progress can be polled from the start
    }

    @Test
    void tenKillsAtRandomPointsLoseNothingAndDoubleNothing() throws Exception {
        // A short visibility timeout lets the messages a killed loader held come back quickly.
        String queueUrl = seededQueue(20_000, Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "5"));
        Random random = new Random(20_000);
        for (int kill = 1; kill <= 10; kill++) {
            try (LoaderProcess loader = LoaderProcess.run(runArguments(queueUrl))) {
                Thread.sleep(1_500 + random.nextInt(2_500)); // start-up takes about a second
                loader.kill();
            }
        }
        try (LoaderProcess loader = LoaderProcess.run(runArguments(queueUrl))) {
            assertThat(loader.awaitExit(EXIT_TIMEOUT)).as("final run").isZero();
        }
        assertExactOutcome(queueUrl, 20_000);
    }

    @Test
    void sigtermFinishesInFlightWorkAndExitsZero() throws Exception {
        String queueUrl = seededQueue(5_000, Map.of());
        List<String> service = new ArrayList<>(List.of(runArguments(queueUrl)));
        service.remove("--until-empty");
        try (LoaderProcess loader = LoaderProcess.run(service.toArray(String[]::new))) {
            awaitRows(100);
            long signalled = System.nanoTime();
            loader.terminate();
            assertThat(loader.awaitExit(EXIT_TIMEOUT)).as("exit code after SIGTERM").isZero();
            assertThat(Duration.ofNanos(System.nanoTime() - signalled)).isLessThan(Duration.ofSeconds(35));
            assertThat(loader.output()).contains("SIGTERM received").contains("loaded");
        }
        try (LoaderProcess loader = LoaderProcess.run(runArguments(queueUrl))) {
            assertThat(loader.awaitExit(EXIT_TIMEOUT)).isZero();
        }
        assertExactOutcome(queueUrl, 5_000);
    }

    @Test
    void postgresStoppedForTenSecondsMidRun() throws Exception {
        String queueUrl = seededQueue(5_000, Map.of());
        CompletableFuture<RunSummary> run = runInBackground(TestServices.sqsSettings(queueUrl, SqsProtocol.JSON));
        awaitRows(100);
        TestServices.postgres().stopServer();
        try {
            Thread.sleep(10_000);
        } finally {
            TestServices.postgres().startServer();
        }
        RunSummary summary = run.get(3, TimeUnit.MINUTES);
        // The commit in flight when the server stopped may have landed with its acknowledgement lost;
        // its retry then finds those MessageIds in the ledger and counts them as redelivered, not loaded.
        assertThat(summary.loaded() + summary.quarantined() + summary.redelivered()).as(summary.toString()).isEqualTo(5_000);
        assertThat(summary.redelivered()).as("at most the one batch in doubt").isLessThanOrEqualTo(100);
        assertExactOutcome(queueUrl, 5_000);
    }

    @Test
    void sqsUnreachableForTenSecondsMidRun() throws Exception {
        String queueUrl = seededQueue(5_000, Map.of());
        try (TcpRelay network = TcpRelay.start(TestServices.sqs().endpoint(), Duration.ZERO)) {
            SqsSettings throughRelay = new SqsSettings(Region.US_EAST_1, network.endpoint(), queueUrl, null,
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")), 32, SqsProtocol.JSON);
            CompletableFuture<RunSummary> run = runInBackground(throughRelay);
            awaitRows(100);
            network.cut();
            Thread.sleep(10_000);
            network.restore();
            RunSummary summary = run.get(3, TimeUnit.MINUTES);
            assertThat(summary.loaded()).isEqualTo(4_950);
        }
        assertExactOutcome(queueUrl, 5_000);
    }

    @ParameterizedTest(name = "{0} loader processes")
    @ValueSource(ints = {2, 4})
    void concurrentLoaderProcessesShareTheQueue(int loaders) throws Exception {
        String queueUrl = seededQueue(10_000, Map.of());
        List<LoaderProcess> processes = new ArrayList<>();
        try {
            for (int i = 0; i < loaders; i++) {
                processes.add(LoaderProcess.run(runArguments(queueUrl)));
            }
            for (LoaderProcess loader : processes) {
                assertThat(loader.awaitExit(EXIT_TIMEOUT)).as(loader.output()).isZero();
            }
        } finally {
            for (LoaderProcess loader : processes) {
                loader.close();
            }
        }
        assertExactOutcome(queueUrl, 10_000);
    }

    @Test
    void messagesWhoseCommitOutlastsTheVisibilityTimeoutLoadOnce() throws Exception {
        // The first commit stalls past the one-second timeout, so SQS hands the same messages out
        // again while their first copies are still waiting: the ledger must absorb the second copies.
        String queueUrl = seededQueue(100, Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "1"));
        RunSummary summary;
        try (var source = new SqsMessageSource(TestServices.sqsSettings(queueUrl, SqsProtocol.JSON).createClient(), queueUrl);
             var sink = new StallingFirstWrite(new PostgresSink(new DatabaseSettings(jdbcUrl, null, null)))) {
            LoginProcessor processor = new LoginProcessor(new MessageReader(SnsEnvelopeMode.AUTO), keyset.fieldMasker(), keyset.bodySealer());
            summary = new Pipeline(source, sink, processor, PipelineSettings.defaults(true).withReceivers(4).withBatches(500, Duration.ofMillis(500)),
                    Clock.systemUTC(), PipelineListener.NONE).run();
        }
        assertThat(summary.received()).as(summary.toString()).isGreaterThanOrEqualTo(200);
        assertThat(summary.redelivered()).isEqualTo(summary.received() - 100);
        assertThat(summary.loaded()).isEqualTo(99);
        assertExactOutcome(queueUrl, 100);
    }

    private String[] runArguments(String queueUrl) {
        return new String[] {"--until-empty", "--queue-url", queueUrl, "--jdbc-url", jdbcUrl,
            "--keyset", keysetFile.toString(), "--receivers", "4", "--batch-size", "200", "--sqs-protocol", "json"};
    }

    private static String seededQueue(int messages, Map<QueueAttributeName, String> attributes) {
        String queueUrl = TestServices.newQueue(attributes);
        new QueueSeeder(TestServices.sqs().client(), queueUrl)
                .send(new SyntheticLogins(messages).next(messages));
        return queueUrl;
    }

    private CompletableFuture<RunSummary> runInBackground(SqsSettings sqs) {
        return CompletableFuture.supplyAsync(() -> {
            try (Loader loader = Loader.open(sqs, new DatabaseSettings(jdbcUrl, null, null), keyset,
                    PipelineSettings.defaults(true).withReceivers(4).withBatches(100, Duration.ofMillis(50)), Clock.systemUTC())) {
                return loader.run();
            } catch (PipelineException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private void awaitRows(long rows) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (TestServices.count(jdbcUrl, "SELECT count(*) FROM user_logins") < rows) {
            assertThat(System.nanoTime()).as("rows loaded within a minute").isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    /** Exactly the valid messages once, exactly the wrong-type ones quarantined, nothing left queued. */
    private void assertExactOutcome(String queueUrl, long messages) throws Exception {
        long invalid = SyntheticLogins.wrongTypeCount(messages);
        assertThat(TestServices.count(jdbcUrl, "SELECT count(*) FROM user_logins")).isEqualTo(messages - invalid);
        assertThat(TestServices.count(jdbcUrl, "SELECT count(DISTINCT user_id) FROM user_logins")).isEqualTo(messages - invalid);
        assertThat(TestServices.count(jdbcUrl, "SELECT count(*) FROM user_logins_quarantine")).isEqualTo(invalid);
        assertThat(TestServices.count(jdbcUrl, "SELECT count(*) FROM sqs_pii_etl_ledger")).isEqualTo(messages);
        assertThat(TestServices.backlog(queueUrl)).isEqualTo(new QueueBacklog(0, 0, 0));
    }

    /** A sink whose first write stalls for three seconds before committing, as a locked table would. */
    private static final class StallingFirstWrite implements LoginSink {
        private final PostgresSink delegate;
        private final AtomicBoolean stalled = new AtomicBoolean();

        StallingFirstWrite(PostgresSink delegate) throws SinkException {
            this.delegate = delegate;
            delegate.open();
        }

        @Override
        public WriteResult write(List<SinkRecord> batch) throws SinkException {
            if (stalled.compareAndSet(false, true)) {
                try {
                    Thread.sleep(3_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return delegate.write(batch);
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
