package io.sqspiietl.pipeline;

/**
 * What a run is, which decides what it does when the database cannot take a batch for a reason no
 * message is to blame for: an outage that outlasts the retries, a table that refuses every record
 * ({@link RefusalBreaker}), or a key binding that a rotation changed ({@link KeyRebinding}).
 */
enum RunKind {
    /** {@code run --until-empty}: it has an end, so it stops with the cause and leaves the messages on the queue. */
    DRAIN,
    /** {@code run} as a service: it outlives failures, waiting unready with backoff until they pass or it is stopped. */
    SERVICE,
    /**
     * One batch handed in by a caller that deletes by itself, with a deadline of its own (a Lambda
     * invocation): records the database refuses systemically are handed back to the caller uncommitted,
     * an outage that outlasts the deadline fails the batch, and a rebound database stops it as a drain.
     */
    INVOCATION;

    /** The kind of a pipeline run. */
    static RunKind of(PipelineSettings settings) {
        return settings.untilEmpty() ? DRAIN : SERVICE;
    }

    /** Whether the run waits out a failure rather than ending with it. */
    boolean waits() {
        return this == SERVICE;
    }
}
