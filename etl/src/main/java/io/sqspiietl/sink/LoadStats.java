package io.sqspiietl.sink;

import java.util.List;

/**
 * What a database holds, for analysts: only masked values and counts, never an original.
 *
 * @param tables    one entry per contract, in the order the contracts were given
 * @param unrouted  quarantine entries per rule code, most frequent first, of the messages no contract
 *                  had taken (their envelope or body as a whole was refused, or no contract matched);
 *                  with a single contract, they are counted in its entry instead and this is empty
 */
public record LoadStats(List<TableStats> tables, List<ValueCount> unrouted) {
    public LoadStats {
        tables = List.copyOf(tables);
        unrouted = List.copyOf(unrouted);
    }

    /**
     * One contract's table.
     *
     * @param contract           the contract's name
     * @param table              its table
     * @param rows               rows in the table
     * @param repeated           the columns of the contract's {@code stats.repeated}, each with its
     *                           most repeated values
     * @param rowsBy             the columns of the contract's {@code stats.rows_by}, each with its rows
     *                           per value
     * @param quarantineByReason quarantine entries per rule code, most frequent first
     */
    public record TableStats(String contract, String table, long rows, List<Repeated> repeated, List<Breakdown> rowsBy,
                             List<ValueCount> quarantineByReason) {
        public TableStats {
            repeated = List.copyOf(repeated);
            rowsBy = List.copyOf(rowsBy);
            quarantineByReason = List.copyOf(quarantineByReason);
        }
    }

    /**
     * A column's repeated values.
     *
     * @param distinct how many distinct non-null values it holds
     * @param top      the values seen more than once, most frequent first
     */
    public record Repeated(String column, long distinct, List<ValueCount> top) {
        public Repeated {
            top = List.copyOf(top);
        }
    }

    /** The rows per value of a column: dates, versions, numbers and booleans in order of value, text by count. */
    public record Breakdown(String column, List<ValueCount> counts) {
        public Breakdown {
            counts = List.copyOf(counts);
        }
    }

    /**
     * One value and how many rows have it.
     *
     * @param value the value as text, or {@code null} for rows where the column is NULL
     */
    public record ValueCount(String value, long count) {
    }
}
