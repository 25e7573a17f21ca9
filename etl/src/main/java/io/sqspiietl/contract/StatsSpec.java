package io.sqspiietl.contract;

import java.util.List;

/**
 * What {@code stats} reports of a contract's table beside its row count.
 *
 * @param repeated the columns whose repeated values are listed, each with its count of distinct
 *                 values: by default the keyed (masked) columns, in the contract's order
 * @param rowsBy   the columns whose values the rows are counted by (dates, versions and numbers in
 *                 order of value, text by count); none by default
 */
public record StatsSpec(List<String> repeated, List<String> rowsBy) {
    public StatsSpec {
        repeated = List.copyOf(repeated);
        rowsBy = List.copyOf(rowsBy);
    }
}
