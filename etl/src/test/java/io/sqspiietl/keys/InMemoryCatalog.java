package io.sqspiietl.keys;

import io.sqspiietl.sink.KeyedColumn;
import io.sqspiietl.sink.MaskingCatalog;
import io.sqspiietl.sink.MaskingRecord;
import io.sqspiietl.sink.RevealAuditEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link MaskingCatalog} in memory, for unit tests of the key use cases. Like a database the tool's
 * schema created, it starts with the login contract's two masked columns recorded.
 */
final class InMemoryCatalog implements MaskingCatalog {
    static final KeyedColumn MASKED_IP = new KeyedColumn("user_logins", "masked_ip", "mask", "ip", "user_id", "login");
    static final KeyedColumn MASKED_DEVICE_ID =
            new KeyedColumn("user_logins", "masked_device_id", "mask", "device_id", "user_id", "login");

    private MaskingRecord record;
    private final List<RevealAuditEntry> audits = new ArrayList<>();
    private final Map<String, KeyedColumn> columns = new LinkedHashMap<>();

    InMemoryCatalog() {
        columns.put(MASKED_DEVICE_ID.qualifiedName(), MASKED_DEVICE_ID);
        columns.put(MASKED_IP.qualifiedName(), MASKED_IP);
    }

    @Override
    public Optional<MaskingRecord> recordIfAbsent(MaskingRecord current) {
        Optional<MaskingRecord> before = Optional.ofNullable(record);
        if (record == null) {
            record = current;
        }
        return before;
    }

    @Override
    public void replace(MaskingRecord current) {
        record = current;
    }

    @Override
    public void recordKeyedColumns(List<KeyedColumn> keyed) {
        keyed.forEach(column -> columns.putIfAbsent(column.qualifiedName(), column));
    }

    @Override
    public List<KeyedColumn> keyedColumns() {
        return List.copyOf(columns.values());
    }

    @Override
    public void audit(RevealAuditEntry entry) {
        audits.add(entry);
    }

    /** What is recorded, or empty for a database never bound. */
    Optional<MaskingRecord> record() {
        return Optional.ofNullable(record);
    }

    List<RevealAuditEntry> audits() {
        return List.copyOf(audits);
    }
}
