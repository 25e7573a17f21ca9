package io.sqspiietl.source;

import java.util.List;

/**
 * What one {@link MessageSource#delete} achieved.
 *
 * @param deleted   how many of the messages the queue deleted
 * @param retryable the messages whose delete failed on the queue's side and may succeed if tried
 *                  again; messages refused for good (an expired receipt handle) are in neither
 */
public record DeleteResult(int deleted, List<QueueMessage> retryable) {
    public DeleteResult {
        retryable = List.copyOf(retryable);
    }
}
