package io.sqspiietl.pipeline;

import java.time.Duration;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/** Thread naming and sleeping for the loader's own threads: the pipeline's workers, and those of ops. */
public final class Threads {
    private Threads() {
    }

    /**
     * Daemon threads named {@code prefix-1}, {@code prefix-2}, ... so thread dumps and logs say who is
     * who; daemons, so that none of them can keep the process alive once the run has ended.
     */
    public static ThreadFactory named(String prefix) {
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

    /**
     * Sleeps for {@code duration} unless a stop was requested already: a retry loop's pause.
     *
     * @return false when the run is stopping (requested, or this thread interrupted) and the caller should give up
     */
    static boolean pauseUnless(BooleanSupplier stopRequested, Duration duration) {
        if (stopRequested.getAsBoolean()) {
            return false;
        }
        try {
            sleep(duration);
            return true;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
