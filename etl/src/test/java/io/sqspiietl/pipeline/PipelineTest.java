package io.sqspiietl.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.sqspiietl.masking.LoginDomains;
import io.sqspiietl.masking.MaskingKeyset;
import io.sqspiietl.masking.SivFieldMasker;
import io.sqspiietl.sink.QuarantineCause;
import io.sqspiietl.sink.TableRow;
import io.sqspiietl.source.QueueBacklog;
import io.sqspiietl.source.QueueMessage;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The pipeline's logic against in-memory fakes of the queue and the database: fast, exact, no services. */
class PipelineTest {
    private static final Duration LIMIT = Duration.ofSeconds(30);

    private final MaskingKeyset keyset = MaskingKeyset.generate();
    private final MessageProcessor processor = LoginProcessors.of(keyset);
    private final FakeQueue queue = new FakeQueue();
    private final FakeSink sink = new FakeSink();

    @Test
    void drainLoadsEveryValidMessageOnceAndEmptiesTheQueue() throws Exception {
        queue.send(events(250)).send(List.of("{\"foo\": \"oops_wrong_msg_type\"}"));

        RunSummary summary = drain(PipelineSettings.defaults(true));

        assertThat(summary.received()).isEqualTo(251);
        assertThat(summary.loaded()).isEqualTo(250);
        assertThat(summary.quarantinedByReason()).containsExactly(java.util.Map.entry("missing_field", 1L));
        assertThat(summary.deleted()).isEqualTo(251);
        assertThat(sink.loadedUserIds()).hasSize(250).doesNotHaveDuplicates();
        assertThat(queue.backlog()).isEqualTo(new QueueBacklog(0, 0, 0));
    }

    @Test
    void receivesAreCutIntoBatchesOfAtMostTheBatchSizeInTheirOrder() throws Exception {
        queue.send(events(100));

        drain(PipelineSettings.defaults(true).withReceivers(1).withBatches(7, Duration.ofMillis(50)));

        assertThat(sink.batchSizes()).allSatisfy(size -> assertThat(size).isBetween(1, 7));
        assertThat(sink.batchSizes().stream().mapToInt(Integer::intValue).sum()).isEqualTo(100);
        // One receiver and one writer: the rows are in the queue's order, leftovers included.
        assertThat(sink.loadedUserIds()).containsExactlyElementsOf(IntStream.rangeClosed(1, 100).mapToObj(i -> "user-" + i).toList());
    }

    @Test
    void aRecordTheDatabaseRefusesAmongGoodOnesIsQuarantinedAndTheRestLoad() throws Exception {
        List<String> bodies = new ArrayList<>(events(499));
        bodies.add(250, "{\"user_id\": \"poison\"}");
        queue.send(bodies);
        sink.refuse(load -> FakeSink.userId(load).equals("poison"));

        RunSummary summary = drain(PipelineSettings.defaults(true));

        assertThat(summary.loaded()).isEqualTo(499);
        assertThat(summary.quarantinedByReason()).containsExactly(java.util.Map.entry(QuarantineCause.REJECTED_BY_DATABASE, 1L));
        assertThat(summary.deleted()).isEqualTo(500);
        assertThat(queue.backlog()).isEqualTo(new QueueBacklog(0, 0, 0));
    }

    @Test
    void theSameRefusalManyTimesInARowStopsADrainAndQuarantinesNothing() {
        queue.send(events(300));
        sink.refuse(load -> true);

        assertThatThrownBy(() -> drain(PipelineSettings.defaults(true)))
                .isInstanceOf(PipelineException.class)
                .hasMessageContaining("refused " + RefusalBreaker.THRESHOLD + " records in a row")
                .hasMessageContaining("SQLSTATE 23514");
        assertThat(sink.quarantineReasons()).isEmpty();
        assertThat(queue.deleted()).isZero();
        assertThat(queue.backlog().total()).isEqualTo(300);
    }

    @Test
    void quarantineEntriesCommittedAmongRefusedRowsDoNotHideASystemicRefusal() {
        List<String> bodies = new ArrayList<>(events(300));
        for (int i = 5; i < 300; i += 7) {
            bodies.set(i, "{\"not\": \"a login\"}");
        }
        queue.send(bodies);
        sink.refuse(load -> true);

        assertThatThrownBy(() -> drain(PipelineSettings.defaults(true))).isInstanceOf(PipelineException.class)
                .hasMessageContaining("SQLSTATE 23514");
        assertThat(sink.quarantineReasons()).as("only the contract's own rejections").containsOnly("missing_field");
        assertThat(sink.loadedUserIds()).isEmpty();
    }

    @Test
    void aServiceWaitsOutASystemicRefusalAndResumesOnItsOwn() throws Exception {
        queue.send(events(300));
        sink.refuse(load -> true);
        CountDownLatch sinkFailing = new CountDownLatch(1);
        PipelineListener listener = new PipelineListener() {
            @Override
            public void failed(Stage stage, String kind) {
                if (stage == Stage.COMMIT && kind.equals(FailureKinds.PERMANENT)) {
                    sinkFailing.countDown();
                }
            }
        };
        Pipeline service = new Pipeline(queue, sink, processor, PipelineSettings.defaults(false), Clock.systemUTC(), listener);
        CompletableFuture<RunSummary> run = CompletableFuture.supplyAsync(() -> runUnchecked(service));

        assertThat(sinkFailing.await(LIMIT.toSeconds(), TimeUnit.SECONDS)).as("reported the sink failing").isTrue();
        assertThat(sink.quarantineReasons()).isEmpty();
        sink.refuse(load -> false); // the DBA fixed the table
        awaitLoaded(300);
        service.stop();
        RunSummary summary = run.get(LIMIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(summary.loaded()).isEqualTo(300);
        assertThat(summary.quarantined()).isZero();
        assertThat(queue.backlog()).isEqualTo(new QueueBacklog(0, 0, 0));
    }

    @Test
    void aDrainStopsWhenTheDatabaseIsReboundAndCommitsNothingUnderTheOldKey() {
        queue.send(events(300));
        sink.rebound(true);

        assertThatThrownBy(() -> drain(PipelineSettings.defaults(true))).isInstanceOf(PipelineException.class)
                .hasMessageStartingWith("the masked columns in this database are now in deterministic mode with key 2")
                .hasMessageEndingWith("stopped without committing under the old key, the messages stay on the queue: "
                        + "run again with the rotated keyset");
        assertThat(sink.loadedUserIds()).isEmpty();
        assertThat(queue.deleted()).isZero();
    }

    @Test
    void aServiceTakesUpTheRotatedKeysetAndMasksWhatWasInFlightAgain() throws Exception {
        MaskingKeyset rotated = keyset.rotated();
        MessageProcessor rotatedProcessor = LoginProcessors.of(rotated);
        KeysetSwap swap = () -> {
            sink.rebound(false); // the sink now expects the binding the database holds
            return Optional.of(rotatedProcessor);
        };
        List<Boolean> bindingReports = new CopyOnWriteArrayList<>();
        PipelineListener listener = new PipelineListener() {
            @Override
            public void keyBinding(boolean matches) {
                bindingReports.add(matches);
            }
        };
        Pipeline service = new Pipeline(queue, sink, processor, swap, PipelineSettings.defaults(false), Clock.systemUTC(),
                listener);
        CompletableFuture<RunSummary> run = CompletableFuture.supplyAsync(() -> runUnchecked(service));
        queue.send(events(200));
        awaitLoaded(200);
        sink.rebound(true); // rekey rebound the database to the rotated keyset's primary key
        queue.send(IntStream.rangeClosed(201, 400).mapToObj(PipelineTest::event).toList());
        awaitLoaded(400);
        service.stop();
        RunSummary summary = run.get(LIMIT.toSeconds(), TimeUnit.SECONDS);

        assertThat(summary.loaded()).isEqualTo(400);
        SivFieldMasker rotatedMasker = rotated.remasker().orElseThrow();
        for (TableRow row : sink.rows()) {
            String userId = (String) row.values()[0];
            String maskedIp = (String) row.values()[3];
            boolean loadedAfterTheRebind = Integer.parseInt(userId.substring("user-".length())) > 200;
            assertThat(rotatedMasker.remask(LoginDomains.IP, maskedIp).isEmpty())
                    .as("%s masked under the rotated primary key", userId).isEqualTo(loadedAfterTheRebind);
        }
        assertThat(bindingReports).as("took the rotated keyset up at once, never unready").isEmpty();
        assertThat(queue.backlog()).isEqualTo(new QueueBacklog(0, 0, 0));
    }

    @Test
    void aMessageSentWhileTheDrainIsFinishingIsLoaded() throws Exception {
        queue.send(events(30));
        AtomicBoolean sent = new AtomicBoolean();
        queue.onBacklog(() -> {
            // The drain asks for the counts that would end it: the message arrives just before them.
            if (queue.deleted() == 30 && sent.compareAndSet(false, true)) {
                queue.send(List.of("{\"user_id\": \"late\"}"));
            }
        });

        RunSummary summary = drain(PipelineSettings.defaults(true));

        assertThat(summary.loaded()).isEqualTo(31);
        assertThat(sink.loadedUserIds()).contains("late");
        assertThat(queue.backlog()).isEqualTo(new QueueBacklog(0, 0, 0));
    }

    @Test
    void aDrainWaitsForMessagesAnotherConsumerHoldsUntilTheyComeBack() throws Exception {
        queue.send(events(20));
        List<QueueMessage> heldElsewhere = queue.receive(Duration.ZERO, "other-consumer");
        queue.onEmptyReceive(emptyReceives -> {
            if (emptyReceives == 20) {
                queue.changeVisibility(heldElsewhere, Duration.ZERO); // the other consumer gave up on them
            }
        });

        RunSummary summary = drain(PipelineSettings.defaults(true));

        assertThat(summary.loaded()).isEqualTo(20);
        assertThat(queue.backlog()).isEqualTo(new QueueBacklog(0, 0, 0));
    }

    @Test
    void aFailedReceiveIsRepeatedWithItsAttemptIdAndEveryOtherGetsANewOne() throws Exception {
        queue.send(events(5));
        queue.failNextReceives(1);

        drain(PipelineSettings.defaults(true).withReceivers(1));

        List<String> attempts = queue.attemptIds();
        assertThat(attempts.get(1)).as("the retry of the failed receive").isEqualTo(attempts.get(0));
        assertThat(attempts.subList(1, attempts.size())).doesNotHaveDuplicates();
        assertThat(sink.loadedUserIds()).hasSize(5);
    }

    private RunSummary drain(PipelineSettings settings) throws PipelineException {
        Pipeline pipeline = new Pipeline(queue, sink, processor, settings, Clock.systemUTC(), PipelineListener.NONE);
        return assertTimeoutPreemptively(LIMIT, pipeline::run);
    }

    private static RunSummary runUnchecked(Pipeline pipeline) {
        try {
            return pipeline.run();
        } catch (PipelineException e) {
            throw new IllegalStateException(e);
        }
    }

    private void awaitLoaded(int rows) {
        assertTimeoutPreemptively(LIMIT, () -> {
            while (sink.loadedUserIds().size() < rows || queue.deleted() < rows) {
                Thread.sleep(10);
            }
        });
    }

    private static List<String> events(int count) {
        return IntStream.rangeClosed(1, count).mapToObj(PipelineTest::event).toList();
    }

    private static String event(int i) {
        return "{\"user_id\": \"user-" + i + "\", \"ip\": \"10.0.0." + (i % 250) + "\", \"app_version\": \"2.3.0\"}";
    }
}
