package io.sqspiietl.sink;

import java.util.Objects;

/**
 * One reveal, or one refused attempt, as the audit table keeps it. Holds no revealed or masked value,
 * by design.
 *
 * @param operator       who: {@code --operator} or the OS user
 * @param reason         why, as the operator stated it
 * @param column         the column the values are masks of, with their masking domain
 * @param source         where the masked values came from: {@code arguments}, {@code stdin} or {@code database}
 * @param selection      for {@code database}, the {@code LIKE} pattern on the table's subject column that
 *                       selected the rows; {@code null} otherwise
 * @param valuesSelected how many masked values the request named: given, or stored for the matching rows
 * @param valuesRevealed how many values were revealed: all of them, or none when refused
 * @param refusal        why the attempt was refused, or {@code null} for a reveal
 */
public record RevealAuditEntry(String operator, String reason, KeyedColumn column, String source, String selection,
                               int valuesSelected, int valuesRevealed, Refusal refusal) {
    public RevealAuditEntry {
        Objects.requireNonNull(column, "column");
        if (refusal != null && valuesRevealed != 0) {
            throw new IllegalArgumentException("a refused attempt reveals nothing, not " + valuesRevealed + " values");
        }
    }

    /**
     * Why an attempt revealed nothing.
     *
     * @param code   {@code wrong_keyset}, {@code hmac_mode} (masks nobody can reverse: an hmac-mode keyset's,
     *               or an {@code hmac} column's) or {@code unknown_mask}
     * @param detail the tool's message, which names modes, keys, columns and positions in the request, never a value
     */
    public record Refusal(String code, String detail) {
        public Refusal {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
