package io.sqspiietl.keys;

import io.sqspiietl.contract.Policy;
import io.sqspiietl.masking.FieldMasker;
import io.sqspiietl.masking.KeysetException;
import io.sqspiietl.masking.MaskDomain;
import io.sqspiietl.masking.MaskingKeyset;
import io.sqspiietl.masking.MaskingMode;
import io.sqspiietl.masking.UnmaskingException;
import io.sqspiietl.sink.KeyedColumn;
import io.sqspiietl.sink.MaskedColumns;
import io.sqspiietl.sink.MaskedColumns.StoredValue;
import io.sqspiietl.sink.MaskingCatalog;
import io.sqspiietl.sink.RevealAuditEntry;
import io.sqspiietl.sink.RevealAuditEntry.Refusal;
import io.sqspiietl.sink.SinkException;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Recovers original values from masked ones, for key holders, under audit. Every reveal is recorded
 * (who, when, why, which table, column and field, what was selected and how many values, from where;
 * never a value) before anything is printed, and so is every attempt refused for its keyset, its
 * column's masks or its values, with the cause. A request that names no keyed column at all (a typo)
 * selects nothing and is refused without an audit row.
 */
public final class Revealer {
    private final MaskingCatalog catalog;
    private final MaskedColumns columns;
    private final MaskingKeyset keyset;

    public Revealer(MaskingCatalog catalog, MaskedColumns columns, MaskingKeyset keyset) {
        this.catalog = catalog;
        this.columns = columns;
        this.keyset = keyset;
    }

    /**
     * Reveals the request's values and hands one line per value to {@code printer}, in order: the
     * original, or for {@link RevealRequest.Database} values the row's subject, a tab and the original.
     * Every value is revealed, and the reveal audited, before the first line is handed over, so the
     * output is complete or empty and never unaudited. A refused attempt is audited with its cause
     * and prints nothing.
     *
     * @return how many values were revealed
     * @throws UnknownColumnException if the request picks no keyed column, several, one without a
     *                                subject for {@code --where}, or (audited) an {@code hmac} column
     * @throws KeysetException        in hmac mode, whose masks are irreversible by design
     * @throws KeyMismatchException   if the database is masked under a key the keyset does not hold
     * @throws UnknownMaskException   if a value was not masked under this keyset
     * @throws SinkException          if the database fails; then nothing is audited
     */
    public int reveal(RevealRequest request, Consumer<String> printer)
            throws UnknownColumnException, KeysetException, KeyMismatchException, UnknownMaskException, SinkException {
        KeyedColumn column = column(request.column());
        List<StoredValue> selected = read(column, request.source());
        List<String> lines;
        try {
            requireReversibleMasks(column);
            new KeyBinding(catalog).requireKnown(keyset);
            lines = reveal(column, selected);
        } catch (UnknownColumnException | KeysetException | KeyMismatchException | UnknownMaskException refused) {
            catalog.audit(entry(request, column, selected.size(), 0, new Refusal(refusalCode(refused), refused.getMessage())));
            throw refused;
        }
        catalog.audit(entry(request, column, selected.size(), lines.size(), null));
        lines.forEach(printer);
        return lines.size();
    }

    /** The one keyed column of the catalog that {@code selector} picks. */
    private KeyedColumn column(RevealRequest.ColumnSelector selector) throws UnknownColumnException, SinkException {
        List<KeyedColumn> known = catalog.keyedColumns();
        List<KeyedColumn> matching = known.stream()
                .filter(c -> selector.table() == null || c.table().equals(selector.table()))
                .filter(c -> selector.column() == null || c.column().equals(selector.column()))
                .filter(c -> selector.field() == null || c.domain().equals(selector.field()))
                .toList();
        if (matching.size() != 1) {
            throw new UnknownColumnException((matching.isEmpty() ? "no masked column has " : "several masked columns have ")
                    + selector.toString().strip() + "; the masked columns are "
                    + known.stream().map(c -> c.qualifiedName() + " (field " + c.domain() + ")").toList());
        }
        return matching.get(0);
    }

    /** Masks nobody can reverse: an hmac-mode keyset's, or an {@code hmac} column's. */
    private void requireReversibleMasks(KeyedColumn column) throws KeysetException, UnknownColumnException {
        if (keyset.mode() == MaskingMode.HMAC) {
            throw new KeysetException("reveal is impossible in hmac mode: its masks are irreversible by design");
        }
        if (!column.policy().equals(Policy.MASK.code())) {
            throw new UnknownColumnException(column.qualifiedName() + " holds " + column.policy()
                    + " masks, which are irreversible by design");
        }
    }

    private static RevealAuditEntry entry(RevealRequest request, KeyedColumn column, int selected, int revealed,
                                          Refusal refusal) {
        String selection = request.source() instanceof RevealRequest.Database database ? database.subjectPattern() : null;
        return new RevealAuditEntry(request.operator(), request.reason(), column, request.source().auditName(), selection,
                selected, revealed, refusal);
    }

    private static String refusalCode(Exception refused) {
        if (refused instanceof KeyMismatchException) {
            return "wrong_keyset";
        }
        return refused instanceof UnknownMaskException ? "unknown_mask" : "hmac_mode";
    }

    private List<StoredValue> read(KeyedColumn column, RevealRequest.Source source)
            throws SinkException, UnknownColumnException {
        if (source instanceof RevealRequest.Database database) {
            if (column.subject() == null) {
                throw new UnknownColumnException("table " + column.table() + " has no subject column for --where to match");
            }
            return columns.valuesOf(column, database.subjectPattern());
        }
        List<String> given = source instanceof RevealRequest.Arguments arguments
                ? arguments.values()
                : lines(((RevealRequest.StandardInput) source).input());
        return given.stream().map(value -> new StoredValue(null, value)).toList();
    }

    private List<String> reveal(KeyedColumn column, List<StoredValue> masked) throws UnknownMaskException {
        FieldMasker masker = keyset.fieldMasker();
        MaskDomain domain = MaskDomain.of(column.domain());
        List<String> lines = new ArrayList<>(masked.size());
        for (int i = 0; i < masked.size(); i++) {
            StoredValue value = masked.get(i);
            try {
                String original = masker.reveal(domain, value.masked());
                lines.add(value.subject() == null ? original : value.subject() + "\t" + original);
            } catch (UnmaskingException e) {
                throw new UnknownMaskException("value " + (i + 1) + " of " + masked.size() + ": " + e.getMessage(), e);
            }
        }
        return lines;
    }

    private static List<String> lines(InputStream input) {
        BufferedReader reader = new BufferedReader(new InputStreamReader(input, StandardCharsets.UTF_8));
        return reader.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
    }
}
