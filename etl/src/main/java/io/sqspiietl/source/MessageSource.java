package io.sqspiietl.source;

import java.time.Duration;
import java.util.List;

/**
 * A queue of login messages with at-least-once delivery.
 *
 * <p>Implementations are thread-safe: several receivers may call {@link #receive} concurrently while
 * other threads delete. Failures surface as {@link SourceException}, classified as transient (try
 * again later; no message is lost because undeleted messages become visible again) or permanent.
 * A call that returns has already been retried as far as the source's retry policy goes: callers
 * decide what an outage means for them, nothing below them retries again.
 */
public interface MessageSource extends AutoCloseable {

    /**
     * Receives up to {@value SqsBatches#MAX_ENTRIES} messages, waiting up to {@code wait} for the first
     * one. A wait of at least one second is a long poll, which asks every server of the queue; a shorter
     * one may sample only some of them.
     *
     * @param attemptId names this receive; pass the same id again to repeat a receive that failed (a FIFO
     *                  queue then hands out the same messages again instead of hiding them until their
     *                  visibility timeout), a new one for every other receive
     * @return the received messages in the queue's order; empty when none arrived in time, never {@code null}
     */
    List<QueueMessage> receive(Duration wait, String attemptId) throws SourceException;

    /**
     * Deletes messages whose effect is committed. An empty list is a no-op. A message the queue refuses
     * to delete for good (its receipt handle expired) is dropped with a warning: it comes back and the
     * ledger skips it.
     *
     * @return how many were deleted, and which failed on the queue's side and may succeed if tried again
     */
    DeleteResult delete(List<QueueMessage> messages) throws SourceException;

    /**
     * Sets the visibility timeout of received messages: longer, so the queue does not hand a message
     * to another consumer while its batch waits for the commit, or zero, to give a message back at
     * once. Best effort: a message whose change fails keeps its current timeout.
     */
    void changeVisibility(List<QueueMessage> messages, Duration timeout) throws SourceException;

    /** The queue's approximate counts. */
    QueueBacklog backlog() throws SourceException;

    @Override
    void close();
}
