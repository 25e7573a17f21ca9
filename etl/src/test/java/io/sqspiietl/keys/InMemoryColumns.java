package io.sqspiietl.keys;

import io.sqspiietl.sink.KeyedColumn;
import io.sqspiietl.sink.MaskedColumns;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@link MaskedColumns} in memory, for unit tests of the key use cases: the login table's masked
 * columns, one row per page, and a range of pages is rewritten all or nothing, as the real store does
 * in one transaction.
 */
final class InMemoryColumns implements MaskedColumns {
    /** A row of {@code user_logins}, reduced to what the key use cases see. */
    record Row(String userId, String maskedIp, String maskedDeviceId) {
        String valueOf(KeyedColumn column) {
            return column.equals(InMemoryCatalog.MASKED_IP) ? maskedIp : maskedDeviceId;
        }

        Row with(KeyedColumn column, String value) {
            return column.equals(InMemoryCatalog.MASKED_IP) ? new Row(userId, value, maskedDeviceId) : new Row(userId, maskedIp, value);
        }
    }

    private final List<Row> rows = new ArrayList<>();

    void add(String userId, String maskedIp, String maskedDeviceId) {
        rows.add(new Row(userId, maskedIp, maskedDeviceId));
    }

    List<Row> rows() {
        return List.copyOf(rows);
    }

    @Override
    public <X extends Exception> RewriteSummary rewriteAll(List<KeyedColumn> columns, int pagesPerTransaction,
                                                           Rewriter<X> rewriter) throws X {
        long rewritten = 0;
        long values = 0;
        for (int from = 0; from < rows.size(); from += pagesPerTransaction) {
            List<Row> range = new ArrayList<>(rows.subList(from, Math.min(rows.size(), from + pagesPerTransaction)));
            int changedRows = 0;
            for (int i = 0; i < range.size(); i++) {
                Row row = range.get(i);
                int changed = 0;
                for (KeyedColumn column : columns) {
                    String masked = row.valueOf(column);
                    Optional<String> next = masked == null ? Optional.empty() : rewriter.rewrite(column, masked);
                    if (next.isPresent()) {
                        row = row.with(column, next.get());
                        changed++;
                    }
                }
                if (changed > 0) {
                    range.set(i, row);
                    changedRows++;
                    values += changed;
                }
            }
            // Reached only when the rewriter accepted the whole range: the "commit".
            for (int i = 0; i < range.size(); i++) {
                rows.set(from + i, range.get(i));
            }
            rewritten += changedRows;
        }
        return new RewriteSummary(rows.size(), rewritten, values);
    }

    @Override
    public List<StoredValue> valuesOf(KeyedColumn column, String subjectPattern) {
        Pattern like = likePattern(subjectPattern);
        return rows.stream()
                .filter(row -> like.matcher(row.userId()).matches())
                .map(row -> new StoredValue(row.userId(), row.valueOf(column)))
                .filter(value -> value.masked() != null)
                .sorted(Comparator.comparing(StoredValue::subject))
                .toList();
    }

    /** SQL {@code LIKE} as a regular expression: {@code %} is any run, {@code _} any one character. */
    private static Pattern likePattern(String like) {
        StringBuilder regex = new StringBuilder();
        for (char c : like.toCharArray()) {
            regex.append(c == '%' ? ".*" : c == '_' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }
}
