package io.sqspiietl.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sqspiietl.masking.MaskingKeyset;
import io.sqspiietl.sink.Sink;
import io.sqspiietl.sink.SinkException;
import io.sqspiietl.sink.SinkRecord;
import io.sqspiietl.sink.WriteResult;
import io.sqspiietl.source.QueueMessage;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * The committer run as an invocation (the Lambda handler's {@link InvocationLoader}): a systemic refusal
 * hands the records back uncommitted and in order instead of stopping or waiting, poison among good
 * records is quarantined as in a run, and an outage that outlasts the deadline, or a rebound database,
 * fails the batch.
 */
class InvocationCommitTest {
    private static final BooleanSupplier TIME_LEFT = () -> false;

    private final FakeSink sink = new FakeSink();
    private final CurrentKeyset keyset = new CurrentKeyset(LoginProcessors.of(MaskingKeyset.generate()));

    @Test
    void recordsRefusedSystemicallyAreHandedBackInOrderAndNoneQuarantined() throws Exception {
        sink.refuse(load -> FakeSink.userId(load).startsWith("bad"));
        List<Item> batch = items("good-1", "good-2", "good-3", "good-4", "good-5");
        batch.addAll(items(range("bad-", 25)));

        List<Item> committed = commit(committer(sink, TIME_LEFT), batch);

        assertThat(committed).containsExactlyElementsOf(batch.subList(0, 5));
        assertThat(sink.loadedUserIds()).containsExactly("good-1", "good-2", "good-3", "good-4", "good-5");
        assertThat(sink.quarantineReasons()).isEmpty();
    }

    @Test
    void theBreakerStaysTrippedForTheNextBatchAndResetsOnceRowsCommit() throws Exception {
        sink.refuse(load -> FakeSink.userId(load).startsWith("bad"));
        BatchCommitter committer = committer(sink, TIME_LEFT);
        commit(committer, items(range("bad-a", InvocationLoader.SYSTEMIC_REFUSALS)));

        assertThat(commit(committer, items("bad-b1", "good-b2"))).as("the first refusal extends the trip").isEmpty();

        sink.refuse(load -> false); // the DBA's fix
        List<Item> retried = items("bad-b1", "good-b2");
        assertThat(commit(committer, retried)).containsExactlyElementsOf(retried);
        assertThat(sink.quarantineReasons()).isEmpty();
    }

    @Test
    void aPoisonRecordAmongGoodOnesIsQuarantinedAndTheBatchIsDone() throws Exception {
        sink.refuse(load -> FakeSink.userId(load).equals("poison"));
        List<Item> batch = items("good-1", "poison", "good-2");

        assertThat(commit(committer(sink, TIME_LEFT), batch)).hasSize(3);
        assertThat(sink.loadedUserIds()).containsExactly("good-1", "good-2");
        assertThat(sink.quarantineReasons()).containsExactly("rejected_by_database");
    }

    @Test
    void anOutageThatOutlastsTheDeadlineFailsTheBatchWithTheCause() {
        AtomicInteger attempts = new AtomicInteger();
        Sink down = new Sink() {
            @Override
            public WriteResult write(List<SinkRecord> batch) throws SinkException {
                attempts.incrementAndGet();
                throw SinkException.of("connect", new SQLException("Connection refused", "08001"));
            }

            @Override
            public void close() {
            }
        };
        AtomicInteger asked = new AtomicInteger();
        BatchCommitter committer = committer(down, () -> asked.incrementAndGet() > 2);

        assertThatThrownBy(() -> commit(committer, items("good-1"))).isInstanceOf(PipelineException.class)
                .hasMessageStartingWith("PostgreSQL unavailable: ")
                .hasMessageEndingWith("; gave up retrying before the deadline, the messages not committed stay on the queue");
        assertThat(attempts).as("retried while time was left").hasValue(3);
    }

    @Test
    void aDatabaseReboundToAnotherKeyFailsTheBatch() {
        sink.rebound(true);
        assertThatThrownBy(() -> commit(committer(sink, TIME_LEFT), items("good-1"))).isInstanceOf(PipelineException.class)
                .hasMessageEndingWith("stopped without committing under the old key, the messages stay on the queue: "
                        + "run again with the rotated keyset");
    }

    private BatchCommitter committer(Sink target, BooleanSupplier outOfTime) {
        RunCounts counts = new RunCounts(Clock.systemUTC());
        return new BatchCommitter(counts, PipelineListener.NONE, target, keyset,
                new KeyRebinding(PipelineListener.NONE, keyset, KeysetSwap.NONE, RunKind.INVOCATION, outOfTime),
                RunKind.INVOCATION, outOfTime);
    }

    private static List<Item> commit(BatchCommitter committer, List<Item> batch) throws PipelineException {
        List<Item> committed = new ArrayList<>();
        committer.commit(batch, committed::addAll);
        committed.sort((a, b) -> Integer.compare(batch.indexOf(a), batch.indexOf(b)));
        return committed;
    }

    private List<Item> items(String... userIds) {
        List<Item> items = new ArrayList<>();
        for (String userId : userIds) {
            QueueMessage message = new QueueMessage("id-" + userId, "handle", "{\"user_id\": \"" + userId + "\"}",
                    Instant.parse("2024-05-06T07:08:09Z"), 1);
            items.add(keyset.process(message));
        }
        return items;
    }

    private static String[] range(String prefix, int count) {
        String[] ids = new String[count];
        for (int i = 0; i < count; i++) {
            ids[i] = prefix + i;
        }
        return ids;
    }
}
