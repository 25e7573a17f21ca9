package io.sqspiietl.source;

/**
 * The queue's approximate message counts as SQS reports them.
 *
 * @param visible  messages available for receiving
 * @param inFlight messages received by some consumer and neither deleted nor visible again yet
 * @param delayed  messages sent with a delay that has not passed yet
 */
public record QueueBacklog(long visible, long inFlight, long delayed) {
    /** True when no message is waiting, in flight or delayed. */
    public boolean isEmpty() {
        return visible == 0 && inFlight == 0 && delayed == 0;
    }

    /** All messages the queue still holds in any state. */
    public long total() {
        return visible + inFlight + delayed;
    }
}
