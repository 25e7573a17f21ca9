package io.sqspiietl.sink;

import java.util.Objects;

/**
 * One reveal, or one refused attempt, as the audit table keeps it. Holds no revealed or masked value,
 * by design.
 *
 * @param operator       who: {@code --operator} or the OS user
 * @param reason         why, as the operator stated it
 * @param field          {@code ip} or {@code device_id}
 * @param source         where the masked values came from: {@code arguments}, {@code stdin} or {@code database}
 * @param selection      for {@code database}, the {@code LIKE} pattern on {@code user_id} that selected the
 *                       users; {@code null} otherwise
 * @param valuesSelected how many masked values the request named: given, or stored for the matching users
 * @param valuesRevealed how many values were revealed: all of them, or none when refused
 * @param refusal        why the attempt was refused, or {@code null} for a reveal
 */
public record RevealAuditEntry(String operator, String reason, String field, String source, String selection,
                               int valuesSelected, int valuesRevealed, Refusal refusal) {
    public RevealAuditEntry {
        if (refusal != null && valuesRevealed != 0) {
            throw new IllegalArgumentException("a refused attempt reveals nothing, not " + valuesRevealed + " values");
        }
    }

    /**
     * Why an attempt revealed nothing.
     *
     * @param code   {@code wrong_keyset}, {@code hmac_mode} or {@code unknown_mask}
     * @param detail the tool's message, which names modes, keys and positions in the request, never a value
     */
    public record Refusal(String code, String detail) {
        public Refusal {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
