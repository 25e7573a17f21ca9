package io.sqspiietl.pipeline;

import java.time.Duration;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** Thread naming and sleeping for the pipeline's worker threads. */
final class Threads {
    private Threads() {
    }

    /** Daemon threads named {@code prefix-1}, {@code prefix-2}, ... so thread dumps and logs say who is who. */
    static ThreadFactory named(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    static void sleep(Duration duration) throws InterruptedException {
        Thread.sleep(duration.toMillis());
    }
}
