package io.sqspiietl.pipeline;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Capped exponential backoff with full jitter: the n-th wait is drawn uniformly from
 * {@code [0, min(10 s, 100 ms * 2^n)]}, so many loaders hitting the same outage spread their retries
 * instead of retrying in lockstep. Not thread-safe: one per retrying loop.
 */
final class Backoff {
    private static final long INITIAL_MILLIS = 100;
    private static final long CAP_MILLIS = 10_000;

    private int failures;

    /** Registers a failure and returns how long to wait before the next attempt. */
    Duration next() {
        long ceiling = Math.min(CAP_MILLIS, INITIAL_MILLIS << Math.min(failures, 20));
        failures++;
        return Duration.ofMillis(ThreadLocalRandom.current().nextLong(ceiling + 1));
    }

    void reset() {
        failures = 0;
    }
}
