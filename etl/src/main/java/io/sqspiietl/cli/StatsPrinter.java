package io.sqspiietl.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.sqspiietl.sink.LoadStats;
import io.sqspiietl.sink.LoadStats.TableStats;
import io.sqspiietl.sink.LoadStats.ValueCount;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes {@link LoadStats} as a terminal table, JSON or CSV. A single contract's report has the shape
 * it had before contracts: totals, then sections. Several contracts' reports say which contract each
 * part is of, and end with the quarantine of the messages no contract took.
 */
final class StatsPrinter {
    /** What a NULL column value is shown as in the table and CSV (JSON keeps {@code null}). */
    static final String NULL = "(null)";
    private static final String UNROUTED = "unrouted_quarantine_reason";

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

    /** A table's figures: {@code rows} and each repeated column's {@code distinct_COLUMN}. */
    private static Map<String, Long> totals(TableStats table) {
        Map<String, Long> totals = new LinkedHashMap<>();
        totals.put("rows", table.rows());
        table.repeated().forEach(repeated -> totals.put("distinct_" + repeated.column(), repeated.distinct()));
        return totals;
    }

    /** A table's lists by section name, in the order they are printed. */
    private static Map<String, List<ValueCount>> sections(TableStats table) {
        Map<String, List<ValueCount>> sections = new LinkedHashMap<>();
        table.repeated().forEach(repeated -> sections.put("top_" + repeated.column(), repeated.top()));
        table.rowsBy().forEach(breakdown -> sections.put(breakdown.column(), breakdown.counts()));
        sections.put("quarantine_reason", table.quarantineByReason());
        return sections;
    }

    private static boolean single(LoadStats stats) {
        return stats.tables().size() == 1;
    }

    private static void table(LoadStats stats, PrintWriter out) {
        for (TableStats table : stats.tables()) {
            if (!single(stats)) {
                out.printf(Locale.ROOT, "== contract %s (table %s)%n", table.contract(), table.table());
            }
            totals(table).forEach((name, count) -> out.printf(Locale.ROOT, "%-27s %8d%n", name, count));
            sections(table).forEach((name, counts) -> tableSection(name, counts, out));
            if (!single(stats)) {
                out.println();
            }
        }
        if (!single(stats)) {
            out.println("== no contract");
            tableSection(UNROUTED, stats.unrouted(), out);
        }
    }

    private static void tableSection(String name, List<ValueCount> counts, PrintWriter out) {
        out.printf(Locale.ROOT, "%n%s%n", name);
        if (counts.isEmpty()) {
            out.println("  (none)");
        }
        int width = counts.stream().mapToInt(c -> text(c.value()).length()).max().orElse(0);
        for (ValueCount count : counts) {
            out.printf(Locale.ROOT, "  %-" + Math.max(width, 1) + "s %8d%n", text(count.value()), count.count());
        }
    }

    private static void json(LoadStats stats, PrintWriter out) {
        Object document;
        if (single(stats)) {
            document = jsonOf(stats.tables().get(0));
        } else {
            List<Object> tables = new ArrayList<>();
            for (TableStats table : stats.tables()) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("contract", table.contract());
                entry.put("table", table.table());
                entry.putAll(jsonOf(table));
                tables.add(entry);
            }
            Map<String, Object> all = new LinkedHashMap<>();
            all.put("contracts", tables);
            all.put(UNROUTED, stats.unrouted());
            document = all;
        }
        try {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(document));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stats are plain strings and numbers", e);
        }
    }

    private static Map<String, Object> jsonOf(TableStats table) {
        Map<String, Object> document = new LinkedHashMap<>(totals(table));
        document.putAll(sections(table));
        return document;
    }

    /**
     * One {@code section,value,count} line per figure (totals in section {@code total}); with several
     * contracts, each line starts with its contract (empty for the messages no contract took).
     */
    private static void csv(LoadStats stats, PrintWriter out) {
        boolean single = single(stats);
        out.println(single ? "section,value,count" : "contract,section,value,count");
        for (TableStats table : stats.tables()) {
            String prefix = single ? "" : table.contract() + ",";
            totals(table).forEach((name, count) -> out.println(prefix + "total," + name + "," + count));
            sections(table).forEach((name, counts) -> csvSection(prefix, name, counts, out));
        }
        if (!single) {
            csvSection(",", UNROUTED, stats.unrouted(), out);
        }
    }

    private static void csvSection(String prefix, String name, List<ValueCount> counts, PrintWriter out) {
        counts.forEach(count -> out.println(prefix + name + "," + csvField(text(count.value())) + "," + count.count()));
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
