package io.sqspiietl.cli;

import io.sqspiietl.pipeline.RunSummary;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/** Prints a run's summary as a small aligned table, or logs it as one structured line. */
public final class SummaryPrinter {
    private static final Logger LOG = LoggerFactory.getLogger(SummaryPrinter.class);

    private SummaryPrinter() {
    }

    public static void print(RunSummary summary, PrintWriter out) {
        out.printf(Locale.ROOT, "received     %8d%n", summary.received());
        out.printf(Locale.ROOT, "loaded       %8d%n", summary.loaded());
        out.printf(Locale.ROOT, "quarantined  %8d%n", summary.quarantined());
        for (Map.Entry<String, Long> reason : new TreeMap<>(summary.quarantinedByReason()).entrySet()) {
            out.printf(Locale.ROOT, "  %-20s %4d%n", reason.getKey(), reason.getValue());
        }
        out.printf(Locale.ROOT, "skipped      %8d  (redeliveries of committed messages)%n", summary.redelivered());
        out.printf(Locale.ROOT, "deleted      %8d%n", summary.deleted());
        out.printf(Locale.ROOT, "elapsed      %8.1f s  (work done in %.1f s: %.0f messages/s)%n",
                summary.elapsed().toMillis() / 1000.0, summary.busy().toMillis() / 1000.0, summary.rate());
    }

    /** The summary as one log line whose fields a log collector can query. */
    public static void log(RunSummary summary) {
        LoggingEventBuilder line = LOG.atInfo().addKeyValue("received", summary.received())
                .addKeyValue("loaded", summary.loaded()).addKeyValue("quarantined", summary.quarantined());
        for (Map.Entry<String, Long> reason : new TreeMap<>(summary.quarantinedByReason()).entrySet()) {
            line = line.addKeyValue("quarantined_" + reason.getKey(), reason.getValue());
        }
        line.addKeyValue("skipped", summary.redelivered()).addKeyValue("deleted", summary.deleted())
                .addKeyValue("elapsed_s", summary.elapsed().toMillis() / 1000.0)
                .addKeyValue("rate_per_s", Math.round(summary.rate()))
                .log("run finished");
    }
}
