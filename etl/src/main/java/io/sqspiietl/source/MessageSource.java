package io.sqspiietl.source;

import java.time.Duration;
import java.util.List;

/**
 * A queue of login messages with at-least-once delivery.
 *
 * <p>Implementations are thread-safe: several receivers may call {@link #receive} concurrently while
 * other threads delete. Failures surface as {@link SourceException}, classified as transient (retry
 * later; no message is lost because undeleted messages become visible again) or permanent.
 */
public interface MessageSource extends AutoCloseable {

    /**
     * Receives up to ten messages, waiting up to {@code wait} for the first one to arrive.
     *
     * @return the received messages; empty when none arrived in time, never {@code null}
     */
    List<QueueMessage> receive(Duration wait) throws SourceException;

    /**
     * Deletes messages whose effect is committed. Entries that fail are retried a few times; those
     * still failing are left to become visible again, which is safe because redeliveries are skipped
     * by the ledger. An empty list is a no-op.
     *
     * @return how many of the messages were deleted
     */
    int delete(List<QueueMessage> messages) throws SourceException;

    /**
     * Extends the visibility timeout of received messages that are still being worked on, so SQS
     * does not hand them to another consumer while their batch waits for its commit. Best effort:
     * a message whose extension fails may be redelivered, which the ledger makes harmless.
     */
    void extendVisibility(List<QueueMessage> messages, Duration timeout) throws SourceException;

    /** The queue's approximate counts, used to decide that a drain is complete. */
    QueueBacklog backlog() throws SourceException;

    @Override
    void close();
}
