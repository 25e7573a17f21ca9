package io.sqspiietl.sink;

/**
 * One reveal as the audit table keeps it. Holds no revealed or masked value, by design.
 *
 * @param operator   who: {@code --operator} or the OS user
 * @param reason     why, as the operator stated it
 * @param field      {@code ip} or {@code device_id}
 * @param valueCount how many values were revealed
 * @param source     where the masked values came from: {@code arguments}, {@code stdin} or {@code database}
 */
public record RevealAuditEntry(String operator, String reason, String field, int valueCount, String source) {
}
