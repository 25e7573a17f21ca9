package io.sqspiietl.pipeline;

import static io.sqspiietl.testing.SyntheticLoad.assertLoadedExactlyOnce;
import static io.sqspiietl.testing.SyntheticLoad.awaitRows;
import static io.sqspiietl.testing.SyntheticLoad.seededQueue;
import static org.assertj.core.api.Assertions.assertThat;

import io.sqspiietl.embedded.TcpRelay;
import io.sqspiietl.masking.MaskingKeyset;
import io.sqspiietl.sample.QueueSeeder;
import io.sqspiietl.sample.SyntheticLogins;
import io.sqspiietl.sink.DatabaseSettings;
import io.sqspiietl.sink.PostgresSink;
import io.sqspiietl.sink.Sink;
import io.sqspiietl.sink.SinkException;
import io.sqspiietl.sink.SinkRecord;
import io.sqspiietl.sink.WriteResult;
import io.sqspiietl.source.MessageSource;
import io.sqspiietl.source.QueueMessage;
import io.sqspiietl.source.SourceException;
import io.sqspiietl.source.SqsProtocol;
import io.sqspiietl.source.SqsSettings;
import io.sqspiietl.testing.Await;
import io.sqspiietl.testing.ForwardingSource;
import io.sqspiietl.testing.LoaderProcess;
import io.sqspiietl.testing.TestLoaders;
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
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
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
 * invalid ones, and the queue is empty. Faults start and end on what the loader has done (rows
 * committed, failures it reported), not after fixed times.
 */
class FaultToleranceIT {
    private static final Duration EXIT_TIMEOUT = Duration.ofMinutes(3);
    /** Failed attempts that prove the loader met the outage and is retrying through it. */
    private static final int FAILURES_SEEN = 3;

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
            long rowsBefore = TestServices.count(jdbcUrl, "SELECT count(*) FROM user_logins");
            try (LoaderProcess loader = LoaderProcess.run(runArguments(queueUrl))) {
                // Somewhere in the run's first thousand rows, a different point each time.
                awaitRows(jdbcUrl, rowsBefore + 1 + random.nextInt(1_000));
                loader.kill();
            }
        }
        try (LoaderProcess loader = LoaderProcess.run(runArguments(queueUrl))) {
            assertThat(loader.awaitExit(EXIT_TIMEOUT)).as("final run").isZero();
        }
        assertLoadedExactlyOnce(jdbcUrl, queueUrl, 20_000);
    }

    @Test
    void sigtermFinishesInFlightWorkAndExitsZero() throws Exception {
        String queueUrl = seededQueue(5_000, Map.of());
        List<String> service = new ArrayList<>(List.of(runArguments(queueUrl)));
        service.remove("--until-empty");
        try (LoaderProcess loader = LoaderProcess.run(service.toArray(String[]::new))) {
            awaitRows(jdbcUrl, 100);
            loader.terminate();
            assertThat(loader.awaitExit(EXIT_TIMEOUT)).as("exit code after SIGTERM").isZero();
            // Finished by the run itself, with its summary, not by the watchdog's timeout.
            assertThat(loader.output()).contains("shutdown requested (SIGTERM or SIGINT)").contains("run finished")
                    .doesNotContain("shutdown timeout");
        }
        try (LoaderProcess loader = LoaderProcess.run(runArguments(queueUrl))) {
            assertThat(loader.awaitExit(EXIT_TIMEOUT)).isZero();
        }
        assertLoadedExactlyOnce(jdbcUrl, queueUrl, 5_000);
    }

    @Test
    void sigtermEndsAnIdleServiceWithoutWaitingOutItsLongPollsAndLosesNothing() throws Exception {
        // A message the queue hands to a long poll cut off at exit stays invisible this long, then returns.
        String queueUrl = seededQueue(100, Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "2"));
        List<String> service = new ArrayList<>(List.of(runArguments(queueUrl)));
        service.remove("--until-empty");
        try (LoaderProcess loader = LoaderProcess.run(service.toArray(String[]::new))) {
            awaitRows(jdbcUrl, 99); // all loaded: the loops now wait in 20 s long polls of an empty queue
            long sigterm = System.nanoTime();
            loader.terminate();
            assertThat(loader.awaitExit(EXIT_TIMEOUT)).as("exit code after SIGTERM").isZero();
            assertThat(Duration.ofNanos(System.nanoTime() - sigterm)).as("SIGTERM to exit").isLessThan(Duration.ofSeconds(8));
            assertThat(loader.output()).contains("run finished").doesNotContain("shutdown timeout");
        }
        new QueueSeeder(TestServices.sqs().client(), queueUrl).send(new SyntheticLogins(7).next(100));
        try (LoaderProcess loader = LoaderProcess.run(runArguments(queueUrl))) {
            assertThat(loader.awaitExit(EXIT_TIMEOUT)).isZero();
        }
        assertLoadedExactlyOnce(jdbcUrl, queueUrl, 200);
    }

    @Test
    void postgresStoppedMidRun() throws Exception {
        String queueUrl = seededQueue(5_000, Map.of());
        FailureCount failures = new FailureCount(PipelineListener.Stage.COMMIT);
        CompletableFuture<RunSummary> run = runInBackground(TestServices.sqsSettings(queueUrl, SqsProtocol.JSON), failures);
        awaitRows(jdbcUrl, 100);
        TestServices.postgres().stopServer();
        try {
            Await.until(Duration.ofMinutes(1), () -> failures.count() >= FAILURES_SEEN);
        } finally {
            TestServices.postgres().startServer();
        }
        RunSummary summary = run.get(3, TimeUnit.MINUTES);
        // The commit in flight when the server stopped may have landed with its acknowledgement lost;
        // its retry then finds those MessageIds in the ledger and counts them as redelivered, not loaded.
        assertThat(summary.loaded() + summary.quarantined() + summary.redelivered()).as(summary.toString()).isEqualTo(5_000);
        assertThat(summary.redelivered()).as("at most the one batch in doubt").isLessThanOrEqualTo(100);
        assertLoadedExactlyOnce(jdbcUrl, queueUrl, 5_000);
    }

    @Test
    void sqsUnreachableMidRun() throws Exception {
        String queueUrl = seededQueue(5_000, Map.of());
        try (TcpRelay network = TcpRelay.start(TestServices.sqs().endpoint(), Duration.ZERO)) {
            SqsSettings throughRelay = new SqsSettings(Region.US_EAST_1, network.endpoint(), queueUrl, null,
                    StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")), 32, SqsProtocol.JSON);
            FailureCount failures = new FailureCount(PipelineListener.Stage.RECEIVE);
            CompletableFuture<RunSummary> run = runInBackground(throughRelay, failures);
            awaitRows(jdbcUrl, 100);
            network.cut();
            Await.until(Duration.ofMinutes(1), () -> failures.count() >= FAILURES_SEEN);
            network.restore();
            RunSummary summary = run.get(3, TimeUnit.MINUTES);
            assertThat(summary.loaded()).isEqualTo(4_950);
        }
        assertLoadedExactlyOnce(jdbcUrl, queueUrl, 5_000);
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
        assertLoadedExactlyOnce(jdbcUrl, queueUrl, 10_000);
    }

    @Test
    void messagesWhoseCommitOutlastsTheVisibilityTimeoutLoadOnce() throws Exception {
        // The first commit stalls until SQS has handed its messages out again (the timeout is one
        // second) while their first copies still wait: the ledger must absorb the second copies.
        String queueUrl = seededQueue(100, Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "1"));
        RunSummary summary;
        try (var source = new RedeliveryWatch(TestServices.messageSource(queueUrl, SqsProtocol.JSON));
             var sink = new StallingFirstWrite(new PostgresSink(new DatabaseSettings(jdbcUrl, null, null)), source, keyset)) {
            MessageProcessor processor = TestLoaders.loginProcessor(keyset);
            summary = new Pipeline(source, sink, processor, PipelineSettings.defaults(true).withReceivers(4).withBatches(500, Duration.ofMillis(500)),
                    Clock.systemUTC(), PipelineListener.NONE).run();
        }
        assertThat(summary.received()).as(summary.toString()).isGreaterThan(100);
        assertThat(summary.redelivered()).isEqualTo(summary.received() - 100);
        assertThat(summary.loaded()).isEqualTo(99);
        assertLoadedExactlyOnce(jdbcUrl, queueUrl, 100);
    }

    private String[] runArguments(String queueUrl) {
        return new String[] {"--until-empty", "--queue-url", queueUrl, "--jdbc-url", jdbcUrl,
            "--keyset", keysetFile.toString(), "--receivers", "4", "--batch-size", "200", "--sqs-protocol", "json"};
    }

    private CompletableFuture<RunSummary> runInBackground(SqsSettings sqs, PipelineListener listener) {
        return CompletableFuture.supplyAsync(() -> {
            try (Loader loader = TestLoaders.open(sqs, new DatabaseSettings(jdbcUrl, null, null), () -> keyset,
                    PipelineSettings.defaults(true).withReceivers(4).withBatches(100, Duration.ofMillis(50)), Clock.systemUTC(),
                    listener)) {
                return loader.run();
            } catch (PipelineException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Counts the failures the pipeline reports at one stage. */
    private static final class FailureCount implements PipelineListener {
        private final Stage stage;
        private final AtomicInteger failures = new AtomicInteger();

        FailureCount(Stage stage) {
            this.stage = stage;
        }

        @Override
        public void failed(Stage failedStage, String kind) {
            if (failedStage == stage) {
                failures.incrementAndGet();
            }
        }

        int count() {
            return failures.get();
        }
    }

    /** A source that notices when a message it handed out comes back a second time. */
    private static final class RedeliveryWatch extends ForwardingSource {
        private final Set<String> seen = ConcurrentHashMap.newKeySet();
        private final CountDownLatch redelivered = new CountDownLatch(1);

        RedeliveryWatch(MessageSource delegate) {
            super(delegate);
        }

        @Override
        public List<QueueMessage> receive(Duration wait, String attemptId) throws SourceException {
            List<QueueMessage> received = super.receive(wait, attemptId);
            for (QueueMessage message : received) {
                if (!seen.add(message.messageId())) {
                    redelivered.countDown();
                }
            }
            return received;
        }

        boolean awaitRedelivery() throws InterruptedException {
            return redelivered.await(1, TimeUnit.MINUTES);
        }
    }

    /** A sink whose first write waits, as a locked table would, until SQS has redelivered a message. */
    private static final class StallingFirstWrite implements Sink {
        private final PostgresSink delegate;
        private final RedeliveryWatch queue;
        private final AtomicBoolean stalled = new AtomicBoolean();

        StallingFirstWrite(PostgresSink delegate, RedeliveryWatch queue, MaskingKeyset keyset) throws SinkException {
            this.delegate = delegate;
            this.queue = queue;
            delegate.open();
            delegate.requireBinding(KeysetBinding.of(keyset));
        }

        @Override
        public WriteResult write(List<SinkRecord> batch) throws SinkException {
            if (stalled.compareAndSet(false, true)) {
                try {
                    assertThat(queue.awaitRedelivery()).as("a message redelivered while its commit stalls").isTrue();
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
