package io.sqspiietl.cli;

import io.sqspiietl.pipeline.RunSummary;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Prints a run's summary as a small aligned table; used by {@code run} and {@code demo}. */
public final class SummaryPrinter {
    private SummaryPrinter() {
    }

    public static void print(RunSummary summary, PrintWriter out) {
        out.printf(Locale.ROOT, "received     %8d%n", summary.received());
        out.printf(Locale.ROOT, "loaded       %8d%n", summary.loaded());
        out.printf(Locale.ROOT, "quarantined  %8d%n", summary.quarantined());
        for (Map.Entry<String, Long> reason : new TreeMap<>(summary.quarantinedByReason()).entrySet()) {
            out.printf(Locale.ROOT, "  %-20s %4d%n", reason.getKey(), reason.getValue());
        }
        out.printf(Locale.ROOT, "redelivered  %8d  (already committed, skipped)%n", summary.redelivered());
        out.printf(Locale.ROOT, "deleted      %8d%n", summary.deleted());
        out.printf(Locale.ROOT, "elapsed      %8.1f s  (work done in %.1f s: %.0f messages/s)%n",
                summary.elapsed().toMillis() / 1000.0, summary.busy().toMillis() / 1000.0, summary.rate());
    }
}
