package io.sqspiietl.sink;

import java.util.List;

/**
 * What a database holds, for analysts: only masked values and counts, never an original.
 *
 * @param rows                  rows in {@code user_logins}
 * @param distinctDeviceIds     distinct non-null {@code masked_device_id} values
 * @param distinctIps           distinct non-null {@code masked_ip} values
 * @param topDeviceIds          the most repeated {@code masked_device_id} values (seen more than once)
 * @param topIps                the most repeated {@code masked_ip} values (seen more than once)
 * @param byCreateDate          rows per {@code create_date}, oldest first
 * @param byDeviceType          rows per {@code device_type}, most frequent first
 * @param byAppVersion          rows per decoded app version ({@code app_version_text}), lowest first
 * @param quarantineByReason    quarantine entries per rule code, most frequent first
 */
public record LoadStats(long rows, long distinctDeviceIds, long distinctIps,
                        List<ValueCount> topDeviceIds, List<ValueCount> topIps,
                        List<ValueCount> byCreateDate, List<ValueCount> byDeviceType,
                        List<ValueCount> byAppVersion, List<ValueCount> quarantineByReason) {
    public LoadStats {
        topDeviceIds = List.copyOf(topDeviceIds);
        topIps = List.copyOf(topIps);
        byCreateDate = List.copyOf(byCreateDate);
        byDeviceType = List.copyOf(byDeviceType);
        byAppVersion = List.copyOf(byAppVersion);
        quarantineByReason = List.copyOf(quarantineByReason);
    }

    /**
     * One value and how many rows have it.
     *
     * @param value the value as text, or {@code null} for rows where the column is NULL
     */
    public record ValueCount(String value, long count) {
    }
}
