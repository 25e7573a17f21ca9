package io.sqspiietl.sink;

import java.util.List;
import java.util.Optional;

/**
 * The keyed columns of the tool's tables, read for {@code reveal} and rewritten in place for {@code
 * rekey}. The store owns the transactions: a caller supplies what to write, never a connection.
 */
public interface MaskedColumns {

    /** A stored masked value and the subject of its row (whose data it is), when asked for. */
    record StoredValue(String subject, String masked) {
    }

    /** What a rewrite did: rewritten rows may be read twice, since they can move to a later page. */
    record RewriteSummary(long rowsScanned, long rowsRewritten, long valuesRewritten) {
        /** Nothing read, nothing rewritten. */
        public static final RewriteSummary NONE = new RewriteSummary(0, 0, 0);

        /** Both summaries' counts added up. */
        RewriteSummary plus(RewriteSummary other) {
            return new RewriteSummary(rowsScanned + other.rowsScanned, rowsRewritten + other.rowsRewritten,
                    valuesRewritten + other.valuesRewritten);
        }
    }

    /**
     * Decides the new form of one stored value.
     *
     * @param <X> what the rewriter may throw to stop the rewrite
     */
    @FunctionalInterface
    interface Rewriter<X extends Exception> {
        /** @return the value to store instead of {@code masked}, or empty to keep it */
        Optional<String> rewrite(KeyedColumn column, String masked) throws X;
    }

    /**
     * Offers every non-null value of {@code columns} to {@code rewriter} and stores what it returns.
     * Each table (each partition of a partitioned one) is walked {@code pagesPerTransaction} table
     * pages at a time, all its given columns at once, each range one transaction that locks its rows,
     * so an interrupted rewrite keeps every range it committed; running it again offers those values
     * again, and the rewriter then keeps them. A table that does not exist (any more) holds nothing to
     * rewrite and is passed over.
     *
     * @param pagesPerTransaction table pages (8 KiB, about 50 rows each) per transaction, at least 1
     * @throws X            if the rewriter throws; nothing of the current range is changed
     * @throws SinkException if the database fails; nothing of the current range is changed
     */
    <X extends Exception> RewriteSummary rewriteAll(List<KeyedColumn> columns, int pagesPerTransaction, Rewriter<X> rewriter)
            throws SinkException, X;

    /**
     * The non-null values of {@code column} in the rows whose subject matches a {@code LIKE} pattern,
     * ordered by subject.
     *
     * @throws IllegalArgumentException if the column's table records no subject
     */
    List<StoredValue> valuesOf(KeyedColumn column, String subjectPattern) throws SinkException;
}
