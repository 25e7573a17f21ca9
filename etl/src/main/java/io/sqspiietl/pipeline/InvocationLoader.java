package io.sqspiietl.pipeline;

import io.sqspiietl.sink.DatabaseSettings;
import io.sqspiietl.sink.PostgresSink;
import io.sqspiietl.sink.SinkException;
import io.sqspiietl.source.QueueMessage;
import java.time.Clock;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The core driven one batch at a time by a caller that receives and deletes by itself: the Lambda
 * handler, whose event source mapping hands it a batch and deletes what it reports done. A batch is
 * processed as the pipeline processes a receive ({@link MessageProcessor}) and committed by the same
 * {@link BatchCommitter}: one transaction, the ledger, the quarantine, the {@link RefusalBreaker}, run as
 * a {@link RunKind#INVOCATION}. The connection and the breaker outlive a batch: they belong to the loader.
 *
 * <p>Not thread-safe: one batch at a time, as Lambda invokes an execution environment.
 */
public final class InvocationLoader implements AutoCloseable {
    /**
     * Records refused alike in a row, with no row committed between them, that make a refusal systemic
     * rather than bad data ({@link RefusalBreaker}); a batch needs at least as many for the breaker to
     * trip within it.
     */
    public static final int SYSTEMIC_REFUSALS = RefusalBreaker.THRESHOLD;

    private final PostgresSink sink;
    private final CurrentKeyset keyset;
    private final RunCounts counts = new RunCounts(Clock.systemUTC());
    private final BatchCommitter committer;
    /** The deadline of the batch being loaded: asked before each retry. */
    private BooleanSupplier outOfTime = () -> true;

    private InvocationLoader(PostgresSink sink, MessageProcessor processor) {
        this.sink = sink;
        this.keyset = new CurrentKeyset(processor);
        BooleanSupplier stop = () -> outOfTime.getAsBoolean();
        this.committer = new BatchCommitter(counts, PipelineListener.NONE, sink, keyset,
                new KeyRebinding(PipelineListener.NONE, keyset, KeysetSwap.NONE, RunKind.INVOCATION, stop),
                RunKind.INVOCATION, stop);
    }

    /**
     * A loader of {@code processor}'s records, connected, with the tool's schema installed; every batch's
     * transaction confirms that the database is bound to the processor's key.
     *
     * @throws PipelineException if the database cannot be used
     */
    public static InvocationLoader open(DatabaseSettings database, MessageProcessor processor) throws PipelineException {
        PostgresSink sink = new PostgresSink(database);
        sink.requireBinding(processor.binding());
        InvocationLoader loader = new InvocationLoader(sink, processor);
        loader.connect();
        return loader;
    }

    /**
     * Processes and commits the batch, in order. Records are masked by their contracts, messages that
     * break a rule are quarantined, redeliveries are skipped by the ledger: all of them are done.
     *
     * @param outOfTime asked before each retry of a failed commit: true when no further attempt fits in the
     *                  time the caller has left
     * @return what became of the batch, with the messages left uncommitted because the database refuses
     *     records systemically
     * @throws PipelineException if the database fails permanently, if an outage outlasts {@code outOfTime},
     *     or if the database is bound to another masking key than the processor's: messages not committed
     *     stay on the queue
     */
    public BatchOutcome load(List<QueueMessage> batch, BooleanSupplier outOfTime) throws PipelineException {
        this.outOfTime = outOfTime;
        long loadedBefore = counts.loaded();
        long quarantinedBefore = counts.quarantined();
        long redeliveredBefore = counts.redelivered();
        counts.received(batch.size());
        List<QueueMessage> heldBack = committer.commit(batch.stream().map(keyset::process).toList(), part -> { });
        return new BatchOutcome(counts.loaded() - loadedBefore, counts.quarantined() - quarantinedBefore,
                counts.redelivered() - redeliveredBefore, heldBack);
    }

    /**
     * Connects to PostgreSQL and checks the tool's schema, e.g. after {@link #disconnect()}.
     *
     * @throws PipelineException if the database cannot be used; the next batch connects again
     */
    public void connect() throws PipelineException {
        try {
            sink.open();
        } catch (SinkException e) {
            sink.close();
            throw new PipelineException(e.getMessage(), e);
        }
    }

    /** Closes the connection, e.g. before a snapshot of the process; the next batch connects again. */
    public void disconnect() {
        sink.close();
    }

    @Override
    public void close() {
        sink.close();
    }
}
