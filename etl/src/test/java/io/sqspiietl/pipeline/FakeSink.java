package io.sqspiietl.pipeline;

import io.sqspiietl.sink.Sink;
import io.sqspiietl.sink.SinkException;
import io.sqspiietl.sink.SinkRecord;
import io.sqspiietl.sink.TableRow;
import io.sqspiietl.sink.WriteResult;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * An in-memory sink with the ledger's exactly-once rule and all-or-nothing batches. Records matching
 * the refusal rule make their whole batch fail as PostgreSQL's check violation (SQLSTATE 23514) would;
 * while the database counts as rebound to another key, every batch fails as a changed key binding does.
 * Thread-safe.
 */
final class FakeSink implements Sink {
    static final String CHECK_VIOLATION = "23514";

    private final Set<String> ledger = new HashSet<>();
    private final List<SinkRecord.Load> rows = new ArrayList<>();
    private final List<SinkRecord.Quarantine> quarantine = new ArrayList<>();
    private final List<Integer> batchSizes = new ArrayList<>();
    private volatile Predicate<SinkRecord.Load> refuses = load -> false;
    private volatile boolean rebound;

    /** From now on, loads matching {@code rule} are refused. */
    void refuse(Predicate<SinkRecord.Load> rule) {
        this.refuses = rule;
    }

    /** Whether the database counts as bound to another key than the records are masked under, from now on. */
    void rebound(boolean rebound) {
        this.rebound = rebound;
    }

    @Override
    public synchronized WriteResult write(List<SinkRecord> batch) throws SinkException {
        if (rebound) {
            throw SinkException.keyBindingChanged("the masked columns in this database are now in deterministic mode "
                    + "with key 2, but this process masks in deterministic mode with key 1");
        }
        for (SinkRecord record : batch) {
            if (record instanceof SinkRecord.Load load && refuses.test(load)) {
                throw SinkException.of("batch commit", new SQLException("check violation", CHECK_VIOLATION));
            }
        }
        List<SinkRecord> written = new ArrayList<>();
        for (SinkRecord record : batch) {
            if (ledger.add(record.messageId())) {
                written.add(record);
                if (record instanceof SinkRecord.Load load) {
                    rows.add(load);
                } else {
                    quarantine.add((SinkRecord.Quarantine) record);
                }
            }
        }
        batchSizes.add(batch.size());
        return new WriteResult(written, batch.size() - written.size());
    }

    synchronized List<String> loadedUserIds() {
        return rows.stream().map(FakeSink::userId).toList();
    }

    /** The {@code user_id} of a login row: the login contract's first column. */
    static String userId(SinkRecord.Load load) {
        return (String) load.row().values()[0];
    }

    synchronized List<TableRow> rows() {
        return rows.stream().map(SinkRecord.Load::row).toList();
    }

    synchronized List<String> quarantineReasons() {
        return quarantine.stream().map(SinkRecord.Quarantine::reason).toList();
    }

    synchronized List<Integer> batchSizes() {
        return List.copyOf(batchSizes);
    }

    @Override
    public void close() {
    }
}
