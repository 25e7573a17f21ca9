package io.sqspiietl.sink;

import java.util.Objects;

/**
 * A column that holds keyed masks, as the masking catalog ({@code sqs_pii_etl_masked_columns})
 * records it: never key material, never a value.
 *
 * @param table    the table, as the contract names it
 * @param column   the column
 * @param policy   {@code mask} (AES-SIV, or HMAC in an hmac-mode keyset) or {@code hmac}
 * @param domain   the masking domain: the field whose values it masks
 * @param subject  the table's column that says whose data a row is, or null
 * @param contract the contract that first loaded it
 */
public record KeyedColumn(String table, String column, String policy, String domain, String subject, String contract) {
    public KeyedColumn {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(column, "column");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(contract, "contract");
    }

    /** {@code table.column}. */
    public String qualifiedName() {
        return table + "." + column;
    }

    /** Whether both record the same kind of mask: policy and domain (who recorded it does not matter). */
    public boolean masksAlike(KeyedColumn other) {
        return policy.equals(other.policy) && domain.equals(other.domain);
    }
}
