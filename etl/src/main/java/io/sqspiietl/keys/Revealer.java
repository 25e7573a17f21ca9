package io.sqspiietl.keys;

import io.sqspiietl.masking.FieldMasker;
import io.sqspiietl.masking.KeysetException;
import io.sqspiietl.masking.MaskedField;
import io.sqspiietl.masking.MaskingKeyset;
import io.sqspiietl.masking.MaskingMode;
import io.sqspiietl.masking.UnmaskingException;
import io.sqspiietl.sink.MaskedColumns;
import io.sqspiietl.sink.MaskedColumns.StoredValue;
import io.sqspiietl.sink.MaskingCatalog;
import io.sqspiietl.sink.RevealAuditEntry;
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
 * (who, when, why, which field, how many, from where; never a value) before anything is printed.
 */
public final class Revealer {
    private final MaskingCatalog catalog;
    private final MaskedColumns columns;
    private final MaskingKeyset keyset;

    /**
     * @throws KeysetException in hmac mode, whose masks are irreversible by design
     */
    public Revealer(MaskingCatalog catalog, MaskedColumns columns, MaskingKeyset keyset) throws KeysetException {
        if (keyset.mode() == MaskingMode.HMAC) {
            throw new KeysetException("reveal is impossible in hmac mode: its masks are irreversible by design");
        }
        this.catalog = catalog;
        this.columns = columns;
        this.keyset = keyset;
    }

    /**
     * Reveals the request's values and hands one line per value to {@code printer}, in order: the
     * original, or for {@link RevealRequest.Database} values the user's id, a tab and the original.
     * Every value is revealed, and the reveal audited, before the first line is handed over, so the
     * output is complete or empty and never unaudited.
     *
     * @return how many values were revealed
     * @throws KeyMismatchException if the database is masked under a key the keyset does not hold
     * @throws UnknownMaskException if a value was not masked under this keyset; nothing is audited
     * @throws SinkException        if the database fails
     */
    public int reveal(RevealRequest request, Consumer<String> printer)
            throws KeyMismatchException, UnknownMaskException, SinkException {
        new KeyBinding(catalog).requireKnown(keyset);
        List<String> lines = reveal(request.field(), read(request));
        catalog.audit(new RevealAuditEntry(request.operator(), request.reason(), request.field().fieldName(),
                lines.size(), request.source().auditName()));
        lines.forEach(printer);
        return lines.size();
    }

    private List<StoredValue> read(RevealRequest request) throws SinkException {
        RevealRequest.Source source = request.source();
        if (source instanceof RevealRequest.Database database) {
            return columns.valuesOf(FieldColumns.columnOf(request.field()), database.userIdPattern());
        }
        List<String> given = source instanceof RevealRequest.Arguments arguments
                ? arguments.values()
                : lines(((RevealRequest.StandardInput) source).input());
        return given.stream().map(value -> new StoredValue(null, value)).toList();
    }

    private List<String> reveal(MaskedField field, List<StoredValue> masked) throws UnknownMaskException {
        FieldMasker masker = keyset.fieldMasker();
        List<String> lines = new ArrayList<>(masked.size());
        for (int i = 0; i < masked.size(); i++) {
            StoredValue value = masked.get(i);
            try {
                String original = masker.reveal(field, value.masked());
                lines.add(value.userId() == null ? original : value.userId() + "\t" + original);
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
