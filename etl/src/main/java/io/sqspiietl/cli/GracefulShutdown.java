package io.sqspiietl.cli;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * Turns SIGTERM and SIGINT into a request to finish in-flight work. The signals are handled directly
 * instead of through a shutdown hook so that the run can end normally, print its summary and exit 0;
 * a watchdog ends the process if the work outlasts the timeout, leaving unfinished messages to
 * become visible on the queue again.
 */
final class GracefulShutdown {
    private static final Logger LOG = LoggerFactory.getLogger(GracefulShutdown.class);

    private GracefulShutdown() {
    }

    static void onSignal(Runnable stop, Duration timeout) {
        for (String name : new String[] {"TERM", "INT"}) {
            Signal.handle(new Signal(name), signal -> {
                LOG.info("SIG{} received: finishing in-flight messages (at most {} s)", name, timeout.toSeconds());
                stop.run();
                startWatchdog(timeout);
            });
        }
    }

    private static void startWatchdog(Duration timeout) {
        Thread watchdog = new Thread(() -> {
            try {
                Thread.sleep(timeout.toMillis());
            } catch (InterruptedException e) {
                return;
            }
            LOG.warn("shutdown timeout of {} s reached; unfinished messages return to the queue", timeout.toSeconds());
            System.exit(ExitCodes.OK);
        }, "shutdown-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }
}
