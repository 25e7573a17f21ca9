package io.sqspiietl.pipeline;

import java.time.Duration;

/**
 * Tuning of one pipeline run. Validated on construction.
 *
 * @param receivers     receive loops, pinned; 0 lets their number adapt between 1 and {@code maxReceivers}
 * @param maxReceivers  the most receive loops, and the most delete calls under way at once
 * @param batchSize     most messages committed in one database transaction
 * @param linger        longest time a partly filled batch waits for more messages before committing
 * @param inFlightBytes the most memory messages received and not yet deleted may hold (see {@link Item#bytes()})
 * @param untilEmpty    drain the queue and return, instead of running until stopped
 */
public record PipelineSettings(int receivers, int maxReceivers, int batchSize, Duration linger,
                               long inFlightBytes, boolean untilEmpty) {
    /** Receive loops when pinned; 0 means adaptive. */
    public static final Range PINNED_RECEIVERS = new Range(1, 256);
    public static final Range MAX_RECEIVERS = new Range(1, 256);
    public static final Range BATCH_SIZE = new Range(1, 10_000);
    public static final Range LINGER_MILLIS = new Range(0, 60_000);
    public static final Range IN_FLIGHT_MIB = new Range(1, 1 << 20);

    /** Enough receives under way for a queue 20 ms away each way to deliver what two cores can load. */
    public static final int DEFAULT_MAX_RECEIVERS = 64;
    /** Large enough to amortise a commit, small enough that a batch commits in milliseconds. */
    public static final int DEFAULT_BATCH_SIZE = 500;
    public static final long DEFAULT_LINGER_MILLIS = 200;

    /** SQS's longest long poll, used in service mode so an idle queue costs few requests. */
    static final Duration SERVICE_WAIT = Duration.ofSeconds(20);
    /** The shortest long poll while draining: it asks every server, and ends the drain soon after the last message. */
    static final Duration DRAIN_WAIT = Duration.ofSeconds(1);

    public PipelineSettings {
        if (receivers != 0) {
            PINNED_RECEIVERS.check("receivers", receivers);
        }
        MAX_RECEIVERS.check("maximum receivers", maxReceivers);
        BATCH_SIZE.check("batch size", batchSize);
        LINGER_MILLIS.check("linger in milliseconds", linger.toMillis());
        if (inFlightBytes < 1) {
            throw new IllegalArgumentException("in-flight bytes must be positive, was " + inFlightBytes);
        }
    }

    /** The defaults, with receivers adapting and an in-flight budget derived from the heap. */
    public static PipelineSettings defaults(boolean untilEmpty) {
        return new PipelineSettings(0, DEFAULT_MAX_RECEIVERS, DEFAULT_BATCH_SIZE,
                Duration.ofMillis(DEFAULT_LINGER_MILLIS), defaultInFlightBytes(), untilEmpty);
    }

    /**
     * A quarter of the JVM's maximum heap. The rest is for what a receive under way holds before it is
     * counted (the response being parsed), the database batch, and the tool itself.
     */
    public static long defaultInFlightBytes() {
        return Runtime.getRuntime().maxMemory() / 4;
    }

    /** The same settings with {@code receivers} pinned (0: adaptive). */
    public PipelineSettings withReceivers(int pinned) {
        return new PipelineSettings(pinned, maxReceivers, batchSize, linger, inFlightBytes, untilEmpty);
    }

    /** The same settings with another batch size and linger. */
    public PipelineSettings withBatches(int size, Duration lingerTime) {
        return new PipelineSettings(receivers, maxReceivers, size, lingerTime, inFlightBytes, untilEmpty);
    }

    /** The same settings with another in-flight budget. */
    public PipelineSettings withInFlightBytes(long bytes) {
        return new PipelineSettings(receivers, maxReceivers, batchSize, linger, bytes, untilEmpty);
    }

    /** Whether the number of receive loops adapts. */
    public boolean adaptive() {
        return receivers == 0;
    }

    /** The most receive loops this run may have. */
    public int receiverCeiling() {
        return adaptive() ? maxReceivers : receivers;
    }

    Duration receiveWait() {
        return untilEmpty ? DRAIN_WAIT : SERVICE_WAIT;
    }

    /**
     * HTTP connections to SQS the pipeline can use at once: one per receive loop, one per delete call,
     * and two for the queue upkeep (visibility and backlog).
     */
    public int sqsConnections() {
        return 2 * receiverCeiling() + 2;
    }

    /**
     * Receives allowed between receive and commit, each of at most ten messages: enough to fill the
     * next batch while one commits, plus one per receive loop.
     */
    int bufferedReceives() {
        return (2 * batchSize + 9) / 10 + receiverCeiling();
    }
}
