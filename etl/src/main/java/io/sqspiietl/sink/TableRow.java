package io.sqspiietl.sink;

import io.sqspiietl.contract.Contract;
import java.util.Objects;

/**
 * One row of a contract's table, as stored: masked values only, never an original of a keyed column.
 *
 * @param contract the contract whose table holds the row
 * @param values   one value per {@link Contract#storedColumns() stored column}, in order: {@code String},
 *                 {@code Integer}, {@code Long}, {@code BigDecimal}, {@code Boolean}, {@code LocalDate},
 *                 {@code Instant} or null; owned by the row, never modified after it is built
 */
public record TableRow(Contract contract, Object[] values) {
    public TableRow {
        Objects.requireNonNull(contract, "contract");
        if (values.length != contract.storedColumns().size()) {
            throw new IllegalArgumentException("a row holds one value per stored column of " + contract.name());
        }
    }

    /** Shows the table, not the values. */
    @Override
    public String toString() {
        return "TableRow[" + contract.table() + ", " + values.length + " values]";
    }
}
