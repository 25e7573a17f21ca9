package io.sqspiietl.testing;

import java.time.Duration;

/** Waits for a condition instead of sleeping a fixed time, and fails with a clear message if it never holds. */
public final class Await {
    private static final long POLL_MILLIS = 20;

    /** A condition that may need the services to answer. */
    @FunctionalInterface
    public interface Condition {
        boolean holds() throws Exception;
    }

    private Await() {
    }

    /** Returns as soon as {@code condition} holds; fails the test if it does not within {@code timeout}. */
    public static void until(Duration timeout, Condition condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition did not hold within " + timeout);
            }
            Thread.sleep(POLL_MILLIS);
        }
    }
}
