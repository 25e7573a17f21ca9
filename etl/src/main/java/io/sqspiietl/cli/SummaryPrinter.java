package io.sqspiietl.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sqspiietl.ops.LogFormat;
import io.sqspiietl.pipeline.RunSummary;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Prints a run's summary as a small aligned table or as one JSON object, or logs it as one structured line.
 * The table and the JSON object carry the same figures under the same names as the log line.
 */
public final class SummaryPrinter {
    private static final Logger LOG = LoggerFactory.getLogger(SummaryPrinter.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private SummaryPrinter() {
    }

    /**
     * Prints the summary in the process's output format: the table with text logs; with JSON logs one JSON
     * object on one line, so that everything the process writes stays one JSON object per line.
     */
    public static void print(RunSummary summary, LogFormat format, PrintWriter out) {
        if (format == LogFormat.JSON) {
            printJson(summary, out);
        } else {
            print(summary, out);
        }
    }

    /** Prints the summary as a table for people. */
    public static void print(RunSummary summary, PrintWriter out) {
        out.printf(Locale.ROOT, "received     %8d%n", summary.received());
        out.printf(Locale.ROOT, "loaded       %8d%n", summary.loaded());
        out.printf(Locale.ROOT, "quarantined  %8d%n", summary.quarantined());
        for (Map.Entry<String, Long> reason : byReason(summary).entrySet()) {
            out.printf(Locale.ROOT, "  %-20s %4d%n", reason.getKey(), reason.getValue());
        }
        out.printf(Locale.ROOT, "skipped      %8d  (redeliveries of committed messages)%n", summary.redelivered());
        out.printf(Locale.ROOT, "deleted      %8d%n", summary.deleted());
        out.printf(Locale.ROOT, "elapsed      %8.1f s  (work done in %.1f s: %.0f messages/s)%n",
                summary.elapsed().toMillis() / 1000.0, summary.busy().toMillis() / 1000.0, summary.rate());
    }

    /**
     * Prints the summary as one JSON object on one line: {@code received}, {@code loaded}, {@code quarantined},
     * {@code quarantined_by_reason} (rule code to count), {@code skipped}, {@code deleted}, {@code elapsed_s},
     * {@code busy_s} (the span in which work was done) and {@code rate_per_s}.
     */
    public static void printJson(RunSummary summary, PrintWriter out) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("received", summary.received());
        document.put("loaded", summary.loaded());
        document.put("quarantined", summary.quarantined());
        document.put("quarantined_by_reason", byReason(summary));
        document.put("skipped", summary.redelivered());
        document.put("deleted", summary.deleted());
        document.put("elapsed_s", summary.elapsed().toMillis() / 1000.0);
        document.put("busy_s", summary.busy().toMillis() / 1000.0);
        document.put("rate_per_s", Math.round(summary.rate()));
        try {
            out.println(JSON.writeValueAsString(document));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a summary is numbers and rule codes", e);
        }
    }

    /** The summary as one log line whose fields a log collector can query. */
    public static void log(RunSummary summary) {
        LoggingEventBuilder line = LOG.atInfo().addKeyValue("received", summary.received())
                .addKeyValue("loaded", summary.loaded()).addKeyValue("quarantined", summary.quarantined());
        for (Map.Entry<String, Long> reason : byReason(summary).entrySet()) {
            line = line.addKeyValue("quarantined_" + reason.getKey(), reason.getValue());
        }
        line.addKeyValue("skipped", summary.redelivered()).addKeyValue("deleted", summary.deleted())
                .addKeyValue("elapsed_s", summary.elapsed().toMillis() / 1000.0)
                .addKeyValue("rate_per_s", Math.round(summary.rate()))
                .log("run finished");
    }

    /** Quarantine counts in rule-code order, so that every form lists them alike. */
    private static Map<String, Long> byReason(RunSummary summary) {
        return new TreeMap<>(summary.quarantinedByReason());
    }
}
