package io.sqspiietl.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sqspiietl.sink.LoadStats;
import io.sqspiietl.sink.LoadStats.ValueCount;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes {@link LoadStats} as a terminal table, JSON or CSV. */
final class StatsPrinter {
    /** What a NULL column value is shown as in the table and CSV (JSON keeps {@code null}). */
    static final String NULL = "(null)";

    private StatsPrinter() {
    }

    /** The output formats of {@code stats --format}. */
    enum Format {
        TABLE, JSON, CSV;

        void print(LoadStats stats, PrintWriter out) {
            switch (this) {
                case TABLE -> table(stats, out);
                case JSON -> json(stats, out);
                case CSV -> csv(stats, out);
            }
            out.flush();
        }
    }

    /** The lists of a report by section name, in the order they are printed. */
    private static Map<String, List<ValueCount>> sections(LoadStats stats) {
        Map<String, List<ValueCount>> sections = new LinkedHashMap<>();
        sections.put("top_masked_device_id", stats.topDeviceIds());
        sections.put("top_masked_ip", stats.topIps());
        sections.put("create_date", stats.byCreateDate());
        sections.put("device_type", stats.byDeviceType());
        sections.put("app_version", stats.byAppVersion());
        sections.put("quarantine_reason", stats.quarantineByReason());
        return sections;
    }

    private static Map<String, Long> totals(LoadStats stats) {
        Map<String, Long> totals = new LinkedHashMap<>();
        totals.put("rows", stats.rows());
        totals.put("distinct_masked_device_id", stats.distinctDeviceIds());
        totals.put("distinct_masked_ip", stats.distinctIps());
        return totals;
    }

    private static void table(LoadStats stats, PrintWriter out) {
        totals(stats).forEach((name, count) -> out.printf(Locale.ROOT, "%-27s %8d%n", name, count));
        sections(stats).forEach((name, counts) -> {
            out.printf(Locale.ROOT, "%n%s%n", name);
            if (counts.isEmpty()) {
                out.println("  (none)");
            }
            int width = counts.stream().mapToInt(c -> text(c.value()).length()).max().orElse(0);
            for (ValueCount count : counts) {
                out.printf(Locale.ROOT, "  %-" + Math.max(width, 1) + "s %8d%n", text(count.value()), count.count());
            }
        });
    }

    private static void json(LoadStats stats, PrintWriter out) {
        Map<String, Object> document = new LinkedHashMap<>(totals(stats));
        document.putAll(sections(stats));
        try {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(document));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stats are plain strings and numbers", e);
        }
    }

    /** One {@code section,value,count} line per figure; totals are in section {@code total}. */
    private static void csv(LoadStats stats, PrintWriter out) {
        out.println("section,value,count");
        totals(stats).forEach((name, count) -> out.println("total," + name + "," + count));
        sections(stats).forEach((name, counts) -> counts.forEach(count ->
                out.println(name + "," + csvField(text(count.value())) + "," + count.count())));
    }

    private static String text(String value) {
        return value == null ? NULL : value;
    }

    /** RFC 4180 quoting: device types and locales come from messages and may hold commas or quotes. */
    private static String csvField(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('"') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        return '"' + value.replace("\"", "\"\"") + '"';
    }
}
