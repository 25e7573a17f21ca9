package io.sqspiietl.pipeline;

import java.time.Duration;

/**
 * Tuning of one pipeline run. Validated on construction.
 *
 * @param receivers   concurrent receive loops; each holds one long poll open
 * @param batchSize   most messages committed in one database transaction
 * @param linger      longest time a partly filled batch waits for more messages before committing
 * @param untilEmpty  drain the queue and return, instead of running until stopped
 */
public record PipelineSettings(int receivers, int batchSize, Duration linger, boolean untilEmpty) {
    /** Enough long polls that a queue 20 ms of round trip away still keeps the loader busy. */
    public static final int DEFAULT_RECEIVERS = 16;
    /** Large enough to amortise a commit, small enough that a batch commits in milliseconds. */
    public static final int DEFAULT_BATCH_SIZE = 500;
    public static final long DEFAULT_LINGER_MILLIS = 200;
    public static final Duration DEFAULT_LINGER = Duration.ofMillis(DEFAULT_LINGER_MILLIS);

    /** SQS's longest long poll, used in service mode so an idle queue costs few requests. */
    static final Duration SERVICE_WAIT = Duration.ofSeconds(20);
    /** A short poll while draining, so the end of the queue is noticed within seconds. */
    static final Duration DRAIN_WAIT = Duration.ofSeconds(1);

    public PipelineSettings {
        if (receivers < 1 || receivers > 256) {
            throw new IllegalArgumentException("receivers must be between 1 and 256, was " + receivers);
        }
        if (batchSize < 1 || batchSize > 10_000) {
            throw new IllegalArgumentException("batch size must be between 1 and 10000, was " + batchSize);
        }
        if (linger.isNegative() || linger.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new IllegalArgumentException("linger must be between 0 and 60000 ms, was " + linger.toMillis());
        }
    }

    Duration receiveWait() {
        return untilEmpty ? DRAIN_WAIT : SERVICE_WAIT;
    }

    /**
     * HTTP connections to SQS the pipeline can use at once: one per receiver's long poll, as many for
     * the deleters, and two for the visibility heartbeat and the backlog check.
     */
    public int sqsConnections() {
        return 2 * receivers + 2;
    }

    /**
     * Receives allowed between receive and commit, each of at most ten messages: enough to fill the
     * next batch while one commits, plus one per receiver.
     */
    int bufferedReceives() {
        return (2 * batchSize + 9) / 10 + receivers;
    }
}
