package io.sqspiietl.keys;

import io.sqspiietl.sink.MaskingCatalog;
import io.sqspiietl.sink.MaskingRecord;
import io.sqspiietl.sink.RevealAuditEntry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@link MaskingCatalog} in memory, for unit tests of the key use cases. */
final class InMemoryCatalog implements MaskingCatalog {
    private MaskingRecord record;
    private final List<RevealAuditEntry> audits = new ArrayList<>();

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
