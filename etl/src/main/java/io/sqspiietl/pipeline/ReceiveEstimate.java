package io.sqspiietl.pipeline;

import io.sqspiietl.source.SqsBatches;
import java.util.List;

/**
 * How much memory the next receive may bring: ten times the largest message of the last one to two
 * thousand received, counted as {@link Item#bytes()} counts it. Until the first message arrives it is
 * ten of the largest message SQS delivers (1 MiB of body, held as a string and sealed), so the first
 * receives of a run cannot overrun the budget whatever the queue holds.
 *
 * <p>Sizes that jump at once from small to the maximum can overrun the budget by what the receives
 * already under way bring, until the first of them raises the estimate. Thread-safe.
 */
final class ReceiveEstimate {
    /** A 1 MiB body counted at two bytes a character, plus its sealed copy. */
    static final long LARGEST_MESSAGE_BYTES = 3L << 20;
    private static final int WINDOW_MESSAGES = 1_000;

    /** The largest of the current and of the previous window of messages; 0 before any. */
    private long largestNow;
    private long largestBefore;
    private int inWindow;
    private boolean seenAny;

    /** The bytes to reserve for the next receive. */
    synchronized long nextReceive() {
        long largest = seenAny ? Math.max(largestNow, largestBefore) : LARGEST_MESSAGE_BYTES;
        return SqsBatches.MAX_ENTRIES * largest;
    }

    /** Takes the sizes of one receive's messages into account. */
    synchronized void observe(List<Item> items) {
        for (Item item : items) {
            largestNow = Math.max(largestNow, item.bytes());
            if (++inWindow == WINDOW_MESSAGES) {
                largestBefore = largestNow;
                largestNow = 0;
                inWindow = 0;
            }
        }
        seenAny |= !items.isEmpty();
    }
}
