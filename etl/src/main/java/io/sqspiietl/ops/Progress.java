package io.sqspiietl.ops;

import io.sqspiietl.pipeline.RunCounts;
import io.sqspiietl.pipeline.Threads;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shows how a run advances: on a terminal, a bar redrawn in place with messages done, rate and an
 * estimate of the time left; elsewhere (a log collector reads stderr) one log line per interval.
 * Counts come from the run's {@link RunCounts}, so the display never sees a message.
 */
public final class Progress implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Progress.class);
    private static final Duration REDRAW = Duration.ofMillis(500);
    private static final int BAR_WIDTH = 30;

    private final RunCounts counts;
    private final Clock clock;
    private final Instant start;
    private final PrintStream terminal;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(Threads.named("progress"));

    private Progress(RunCounts counts, Clock clock, PrintStream terminal) {
        this.counts = counts;
        this.clock = clock;
        this.start = clock.instant();
        this.terminal = terminal;
    }

    /** A bar redrawn on {@code terminal} (stderr, so stdout stays clean for the summary). */
    public static Progress bar(RunCounts counts, Clock clock, PrintStream terminal) {
        Progress progress = new Progress(counts, clock, terminal);
        progress.timer.scheduleAtFixedRate(progress::redraw, 0, REDRAW.toMillis(), TimeUnit.MILLISECONDS);
        return progress;
    }

    /** One {@code progress} log line with the counts every {@code interval}. */
    public static Progress logLines(RunCounts counts, Clock clock, Duration interval) {
        Progress progress = new Progress(counts, clock, null);
        progress.timer.scheduleAtFixedRate(progress::logLine, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        return progress;
    }

    /**
     * The bar line, e.g. {@code [#######.......]   512/1000  180 msg/s  ETA 3s}.
     *
     * @param remaining messages still to do, or empty when not known yet
     */
    static String render(long done, OptionalLong remaining, Duration elapsed) {
        double rate = rate(done, elapsed);
        if (remaining.isEmpty()) {
            return String.format(Locale.ROOT, "%d done  %.0f msg/s", done, rate);
        }
        long total = done + remaining.getAsLong();
        int filled = total == 0 ? BAR_WIDTH : (int) (BAR_WIDTH * done / total);
        String eta = rate > 0 ? formatSeconds(Math.round(remaining.getAsLong() / rate)) : "?";
        return String.format(Locale.ROOT, "[%s%s] %d/%d  %.0f msg/s  ETA %s", "#".repeat(filled),
                ".".repeat(BAR_WIDTH - filled), done, total, rate, eta);
    }

    static double rate(long done, Duration elapsed) {
        return done / Math.max(elapsed.toMillis() / 1000.0, 0.001);
    }

    private static String formatSeconds(long seconds) {
        return seconds < 120 ? seconds + "s" : (seconds / 60) + "m" + (seconds % 60) + "s";
    }

    private Duration elapsed() {
        return Duration.between(start, clock.instant());
    }

    private void redraw() {
        // \r and a clearing of the line's rest: the bar is rewritten in place, never scrolls.
        terminal.print("\r" + render(counts.done(), counts.remaining(), elapsed()) + "\u001b[K");
        terminal.flush();
    }

    private void logLine() {
        OptionalLong remaining = counts.remaining();
        LOG.atInfo().addKeyValue("received", counts.received()).addKeyValue("loaded", counts.loaded())
                .addKeyValue("quarantined", counts.quarantined()).addKeyValue("skipped", counts.redelivered())
                .addKeyValue("rate_per_s", Math.round(rate(counts.done(), elapsed())))
                .addKeyValue("remaining", remaining.isPresent() ? remaining.getAsLong() : "unknown")
                .log("progress");
    }

    /** Stops the display; a bar is drawn a last time and ended with a newline. */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(1, TimeUnit.SECONDS); // so the last redraw cannot interleave with a running one
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (terminal != null) {
            redraw();
            terminal.println();
        }
    }
}
