package io.sqspiietl.sink;

import java.util.List;
import java.util.Optional;

/**
 * The tool's record of how the masked columns are masked (the keyset they are bound to, and which
 * columns hold masks of which field), and its log of every reveal. Each method
 * is one transaction of its own, committed before it returns; callers hold no connection and no
 * transaction in between.
 */
public interface MaskingCatalog {

    /**
     * Records {@code current} if nothing is recorded yet (a new database) and returns what was
     * recorded before, so the caller can compare it with its keyset.
     *
     * @return the record found, or empty if there was none and {@code current} is now recorded
     */
    Optional<MaskingRecord> recordIfAbsent(MaskingRecord current) throws SinkException;

    /** Replaces the record, once a rotation's {@code rekey} takes over. */
    void replace(MaskingRecord current) throws SinkException;

    /**
     * Records the keyed columns not recorded yet; a column already recorded keeps its record. Safe
     * against concurrent callers: each column is recorded once, by whichever comes first.
     */
    void recordKeyedColumns(List<KeyedColumn> columns) throws SinkException;

    /** Every recorded keyed column, by table and column. */
    List<KeyedColumn> keyedColumns() throws SinkException;

    /** Appends one audit row, of a reveal or a refused attempt; a caller prints revealed values only after this returned. */
    void audit(RevealAuditEntry entry) throws SinkException;
}
