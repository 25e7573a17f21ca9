package io.sqspiietl.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.sqspiietl.masking.MaskingKeyset;
import io.sqspiietl.sample.SyntheticLogins;
import io.sqspiietl.sink.DatabaseSettings;
import io.sqspiietl.sink.PostgresSink;
import io.sqspiietl.source.DeleteResult;
import io.sqspiietl.source.MessageSource;
import io.sqspiietl.source.QueueBacklog;
import io.sqspiietl.source.QueueMessage;
import io.sqspiietl.source.SourceException;
import io.sqspiietl.source.SqsProtocol;
import io.sqspiietl.testing.Await;
import io.sqspiietl.testing.ForwardingSource;
import io.sqspiietl.testing.TestLoaders;
import io.sqspiietl.testing.TestServices;
import io.sqspiietl.transform.MessageReader;
import io.sqspiietl.transform.SnsEnvelopeMode;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The end of a drain as the queue sees it, and what an idle service costs: every call the pipeline
 * makes is recorded by a source wrapped around the real ElasticMQ one.
 */
class DrainRuleIT {
    private final MaskingKeyset keyset = MaskingKeyset.generate();
    private String jdbcUrl;

    @BeforeEach
    void freshDatabase() throws Exception {
        jdbcUrl = TestServices.newDatabaseWithSchema();
    }

    @Test
    void aDrainEndsOnAnEmptyLongPollWithNothingInFlightAndAnEmptyCount() throws Exception {
        String queueUrl = TestServices.newQueue();
        TestServices.send(queueUrl, SqsProtocol.JSON, SyntheticLogins.takeHomeSample());
        Recording source = new Recording(TestServices.messageSource(queueUrl, SqsProtocol.JSON));

        RunSummary summary = run(source, PipelineSettings.defaults(true));

        assertThat(summary.deleted()).isEqualTo(100);
        assertThat(source.waits()).as("only long polls").allSatisfy(wait -> assertThat(wait).isGreaterThanOrEqualTo(Duration.ofSeconds(1)));
        List<String> calls = source.calls();
        int lastDelete = calls.lastIndexOf("delete");
        int lastCount = calls.lastIndexOf("backlog 0/0/0");
        assertThat(lastCount).as("the count that ended it came after the last delete").isGreaterThan(lastDelete);
        assertThat(calls.subList(lastDelete, lastCount)).as("an empty long poll in between").contains("receive 0");
        assertThat(TestServices.backlog(queueUrl)).isEqualTo(new QueueBacklog(0, 0, 0));
    }

    @Test
    void aMessageSentWhileTheDrainIsFinishingIsLoaded() throws Exception {
        String queueUrl = TestServices.newQueue();
        TestServices.send(queueUrl, SqsProtocol.JSON, SyntheticLogins.takeHomeSample());
        AtomicBoolean sent = new AtomicBoolean();
        Recording source = new Recording(TestServices.messageSource(queueUrl, SqsProtocol.JSON)) {
            @Override
            void beforeBacklog() {
                // All 100 are deleted and the drain asks for the counts that would end it: the message
                // arrives between the empty long poll and the count.
                if (deleted() == 100 && sent.compareAndSet(false, true)) {
                    TestServices.send(queueUrl, SqsProtocol.JSON, List.of("{\"user_id\": \"late\"}"));
                }
            }
        };

        RunSummary summary = run(source, PipelineSettings.defaults(true));

        assertThat(sent).isTrue();
        assertThat(summary.loaded()).isEqualTo(100);
        assertThat(TestServices.count(jdbcUrl, "SELECT count(*) FROM user_logins WHERE user_id = 'late'")).isEqualTo(1);
        assertThat(TestServices.backlog(queueUrl)).isEqualTo(new QueueBacklog(0, 0, 0));
    }

    @Test
    void anIdleServiceSettlesToOneLongPollAtATime() throws Exception {
        String queueUrl = TestServices.newQueue();
        // Each 20 s long poll is cut to one second, so that ten poll periods take ten seconds.
        Recording source = new Recording(TestServices.messageSource(queueUrl, SqsProtocol.JSON)) {
            @Override
            Duration shorten(Duration wait) {
                return Duration.ofSeconds(1);
            }
        };
        try (PostgresSink sink = new PostgresSink(new DatabaseSettings(jdbcUrl, null, null))) {
            sink.requireBinding(KeysetBinding.of(keyset));
            Pipeline service = new Pipeline(source, sink, processor(), PipelineSettings.defaults(false), Clock.systemUTC(),
                    PipelineListener.NONE);
            CompletableFuture<RunSummary> run = CompletableFuture.supplyAsync(() -> runUnchecked(service));
            Await.until(Duration.ofSeconds(30), () -> source.elapsedSinceFirstReceive().compareTo(Duration.ofSeconds(3)) >= 0);
            int inThreePeriods = source.receives();
            Await.until(Duration.ofSeconds(30), () -> source.elapsedSinceFirstReceive().compareTo(Duration.ofSeconds(10)) >= 0);
            int before = source.receives();
            Await.until(Duration.ofSeconds(30), () -> source.elapsedSinceFirstReceive().compareTo(Duration.ofSeconds(14)) >= 0);
            int inLastFourPeriods = source.receives() - before;
            service.stop();
            run.get(30, TimeUnit.SECONDS);

            // 16 fixed receivers poll 16 times a period: 48 times in three periods, a minute of 20 s long
            // polls. Adaptive ones start at 4 and halve on empty receives: 4, then at most 4 again (loops
            // that came back before the interval was judged have polled already), 2, and from then on
            // one a period.
            assertThat(inThreePeriods).as("receives in the first three poll periods").isBetween(4, 12);
            assertThat(inLastFourPeriods).as("receives in four periods, once settled").isBetween(3, 6);
        }
    }

    private RunSummary run(MessageSource source, PipelineSettings settings) throws Exception {
        try (PostgresSink sink = new PostgresSink(new DatabaseSettings(jdbcUrl, null, null))) {
            sink.requireBinding(KeysetBinding.of(keyset));
            return new Pipeline(source, sink, processor(), settings, Clock.systemUTC(), PipelineListener.NONE).run();
        }
    }

    private MessageProcessor processor() {
        return TestLoaders.loginProcessor(keyset);
    }

    private static RunSummary runUnchecked(Pipeline pipeline) {
        try {
            return pipeline.run();
        } catch (PipelineException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Passes every call to the real source and records it: {@code receive N}, {@code delete}, {@code backlog V/I/D}. */
    private static class Recording extends ForwardingSource {
        private final List<String> calls = new CopyOnWriteArrayList<>();
        private final List<Duration> waits = new CopyOnWriteArrayList<>();
        private final AtomicInteger receives = new AtomicInteger();
        private final AtomicInteger deleted = new AtomicInteger();
        private volatile long firstReceiveNanos;

        Recording(MessageSource delegate) {
            super(delegate);
        }

        Duration shorten(Duration wait) {
            return wait;
        }

        void beforeBacklog() {
        }

        @Override
        public List<QueueMessage> receive(Duration wait, String attemptId) throws SourceException {
            if (receives.getAndIncrement() == 0) {
                firstReceiveNanos = System.nanoTime();
            }
            waits.add(wait);
            List<QueueMessage> received = super.receive(shorten(wait), attemptId);
            calls.add("receive " + received.size());
            return received;
        }

        @Override
        public DeleteResult delete(List<QueueMessage> messages) throws SourceException {
            DeleteResult result = super.delete(messages);
            deleted.addAndGet(result.deleted());
            calls.add("delete");
            return result;
        }

        @Override
        public QueueBacklog backlog() throws SourceException {
            beforeBacklog();
            QueueBacklog backlog = super.backlog();
            calls.add("backlog " + backlog.visible() + "/" + backlog.inFlight() + "/" + backlog.delayed());
            return backlog;
        }

        List<String> calls() {
            return new ArrayList<>(calls);
        }

        List<Duration> waits() {
            return List.copyOf(waits);
        }

        int receives() {
            return receives.get();
        }

        int deleted() {
            return deleted.get();
        }

        Duration elapsedSinceFirstReceive() {
            return receives.get() == 0 ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - firstReceiveNanos);
        }
    }
}
