package io.sqspiietl.cli;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns SIGTERM and SIGINT into a request to finish in-flight work within a time limit. Standard Java
 * hears these signals only as the start of the JVM's shutdown, so this is a shutdown hook, and the JVM
 * runs it once however many signals follow: there is one watchdog.
 *
 * <p>The hook asks the run to stop and waits for the command's exit code, which {@link #exit} hands
 * over once the command has printed its summary (0) or its failure (1), and ends the JVM with it: a
 * clean SIGTERM or SIGINT exits 0, not the 143 or 130 a signal would otherwise leave. If the run
 * outlasts the timeout, the hook logs what was left in flight and ends the JVM with
 * {@link ExitCodes#SHUTDOWN_TIMEOUT}; those messages return to the queue after their visibility timeout.
 * It ends the JVM with {@link Runtime#halt}, since {@link System#exit} would wait for the hooks, this one
 * included.
 */
final class GracefulShutdown implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GracefulShutdown.class);
    /** The shutdown of the run under way in this process, which the process's exit code must reach. */
    private static final AtomicReference<GracefulShutdown> ACTIVE = new AtomicReference<>();

    private final Runnable stop;
    private final IntSupplier inFlight;
    private final Duration timeout;
    private final Thread hook = new Thread(this::shutDown, "graceful-shutdown");
    private final CompletableFuture<Integer> exitCode = new CompletableFuture<>();

    private GracefulShutdown(Runnable stop, IntSupplier inFlight, Duration timeout) {
        this.stop = stop;
        this.inFlight = inFlight;
        this.timeout = timeout;
    }

    /**
     * Handles SIGTERM and SIGINT until {@link #close}.
     *
     * @param stop     asks the run to finish what is in flight; must return at once
     * @param inFlight how many messages are in flight, for the line a forced exit logs
     */
    static GracefulShutdown install(Runnable stop, IntSupplier inFlight, Duration timeout) {
        GracefulShutdown shutdown = new GracefulShutdown(stop, inFlight, timeout);
        ACTIVE.set(shutdown);
        Runtime.getRuntime().addShutdownHook(shutdown.hook);
        return shutdown;
    }

    /**
     * Ends the process with the command's exit code; while a shutdown hook is waiting for it, through
     * that hook. Every entry point ends the process this way.
     */
    static void exit(int code) {
        GracefulShutdown shutdown = ACTIVE.get();
        if (shutdown != null) {
            shutdown.exitCode.complete(code);
        }
        System.exit(code); // during a shutdown this waits, and the hook halts the JVM with the code
    }

    /**
     * The run is over. Without a signal so far the hook is removed; once a signal came it is running,
     * stays, and ends the process with the code {@link #exit} hands it.
     */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
            ACTIVE.compareAndSet(this, null);
        } catch (IllegalStateException shutdownUnderWay) {
            // The hook waits for the exit code.
        }
    }

    private void shutDown() {
        LOG.info("shutdown requested (SIGTERM or SIGINT): finishing in-flight messages (at most {} s)", timeout.toSeconds());
        stop.run();
        int code;
        try {
            code = exitCode.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warn("shutdown timeout of {} s reached: exiting with {} messages in flight, which return to the queue after "
                    + "their visibility timeout (those already committed are then skipped)", timeout.toSeconds(), inFlight.getAsInt());
            code = ExitCodes.SHUTDOWN_TIMEOUT;
        } catch (InterruptedException | ExecutionException e) {
            code = ExitCodes.RUNTIME_FAILURE;
        }
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(code);
    }
}
