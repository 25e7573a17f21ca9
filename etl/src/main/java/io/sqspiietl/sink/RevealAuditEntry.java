package io.sqspiietl.sink;

/**
 * One reveal as the audit table keeps it. Holds no revealed or masked value, by design.
 *
 * @param operator   who: {@code --operator} or the OS user
 * @param reason     why, as the operator stated it
 * @param column     the column the values are masks of, with their masking domain
 * @param valueCount how many values were revealed
 * @param source     where the masked values came from: {@code arguments}, {@code stdin} or {@code database}
 */
public record RevealAuditEntry(String operator, String reason, KeyedColumn column, int valueCount, String source) {
}
