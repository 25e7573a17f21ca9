package io.sqspiietl.pipeline;

import io.sqspiietl.sink.LoginSink;
import io.sqspiietl.sink.SinkException;
import io.sqspiietl.sink.SinkRecord;
import io.sqspiietl.sink.WriteResult;
import io.sqspiietl.source.QueueMessage;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Commits batches to the sink. Transient failures are retried with backoff for as long as the run
 * goes on; a batch the database refuses for a value is re-run record by record, and a record that
 * still fails is quarantined, so one poison record never blocks the queue. Not thread-safe: the
 * writer thread owns it.
 */
final class BatchCommitter {
    /** Quarantine reason for a record that passed validation but was refused by the database. */
    static final String REJECTED_BY_DATABASE = "rejected_by_database";
    private static final Logger LOG = LoggerFactory.getLogger(BatchCommitter.class);

    private final LoginSink sink;
    private final LoginProcessor processor;
    private final BooleanSupplier stopRequested;
    private final PipelineListener listener;
    private final Incident databaseOutage = new Incident(LOG, "PostgreSQL");

    /** A received message and what the sink should make of it. */
    record Item(QueueMessage message, SinkRecord record) {
    }

    BatchCommitter(LoginSink sink, LoginProcessor processor, BooleanSupplier stopRequested,
                   PipelineListener listener) {
        this.sink = sink;
        this.processor = processor;
        this.stopRequested = stopRequested;
        this.listener = listener;
    }

    /**
     * Commits the batch; each committed transaction is reported to the listener.
     *
     * @return how many items of the batch, from its start, are committed and may be deleted; the
     *     rest were not, because a stop interrupted the retries, and simply return to the queue
     * @throws PipelineException when the database fails permanently
     */
    int commit(List<Item> batch) throws PipelineException {
        List<SinkRecord> records = batch.stream().map(Item::record).toList();
        try {
            return writeWithRetry(records) == null ? 0 : batch.size();
        } catch (SinkException e) {
            return isolate(batch);
        }
    }

    /** Re-runs a refused batch one record per transaction, quarantining records that still fail. */
    private int isolate(List<Item> batch) throws PipelineException {
        LOG.warn("PostgreSQL refused a batch of {} for a value; committing its records one by one", batch.size());
        int committed = 0;
        for (Item item : batch) {
            WriteResult result;
            try {
                result = writeWithRetry(List.of(item.record()));
            } catch (SinkException refused) {
                LOG.warn("message {} refused by PostgreSQL ({}); quarantined as {}",
                        item.message().messageId(), refused.getMessage(), REJECTED_BY_DATABASE);
                try {
                    result = writeWithRetry(List.of(processor.quarantine(item.message(), item.record(),
                            REJECTED_BY_DATABASE, refused.refusal().orElseThrow())));
                } catch (SinkException quarantineRefused) {
                    throw new PipelineException(quarantineRefused.getMessage(), quarantineRefused);
                }
            }
            if (result == null) {
                break;
            }
            committed++;
        }
        return committed;
    }

    /**
     * Writes with retries on transient failures.
     *
     * @return the result, or {@code null} when a stop was requested during the retries
     * @throws SinkException when the database refused a value (for the caller to isolate)
     * @throws PipelineException when the database fails permanently
     */
    private WriteResult writeWithRetry(List<SinkRecord> records) throws SinkException, PipelineException {
        Backoff backoff = new Backoff();
        while (true) {
            try {
                long start = System.nanoTime();
                WriteResult result = sink.write(records);
                listener.committed(result, Duration.ofNanos(System.nanoTime() - start));
                databaseOutage.succeeded();
                return result;
            } catch (SinkException e) {
                listener.failed(PipelineListener.Stage.COMMIT, FailureKinds.of(e));
                switch (e.kind()) {
                    case INVALID_DATA -> throw e;
                    case PERMANENT -> throw new PipelineException(e.getMessage(), e);
                    case TRANSIENT -> databaseOutage.failed(e.getMessage());
                }
            }
            if (stopRequested.getAsBoolean()) {
                LOG.warn("stopping with {} uncommitted messages; they return to the queue", records.size());
                return null;
            }
            try {
                Threads.sleep(backoff.next());
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }
}
