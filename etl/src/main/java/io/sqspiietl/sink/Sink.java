package io.sqspiietl.sink;

import java.util.List;

/**
 * Writes batches of records durably and exactly once per MessageId.
 *
 * <p>Not thread-safe: one writer thread owns a sink. After {@link #write} returns, the batch is
 * committed and its messages may be deleted from the queue.
 */
public interface Sink extends AutoCloseable {

    /**
     * Commits a batch in one transaction, whatever tables its rows go to, so that exactly-once holds
     * across tables. Records whose MessageId was committed before (by this or another loader) are
     * skipped, not written again. An empty batch commits nothing.
     *
     * @return what was written and what was skipped
     * @throws SinkException if nothing of the batch was committed; of kind
     *     {@link SinkException.Kind#KEY_BINDING_CHANGED} if the database is bound to another masking key
     *     than the records were masked under
     */
    WriteResult write(List<SinkRecord> batch) throws SinkException;

    @Override
    void close();
}
