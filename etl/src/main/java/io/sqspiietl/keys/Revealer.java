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
 * (who, when, why, which field, what was selected and how many values, from where; never a value)
 * before anything is printed, and so is every attempt refused for its keyset or its values, with the
 * cause.
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
     * original, or for {@link RevealRequest.Database} values the user's id, a tab and the original.
     * Every value is revealed, and the reveal audited, before the first line is handed over, so the
     * output is complete or empty and never unaudited. A refused attempt is audited with its cause
     * and prints nothing.
     *
     * @return how many values were revealed
     * @throws KeysetException      in hmac mode, whose masks are irreversible by design
     * @throws KeyMismatchException if the database is masked under a key the keyset does not hold
     * @throws UnknownMaskException if a value was not masked under this keyset
     * @throws SinkException        if the database fails; then nothing is audited
     */
    public int reveal(RevealRequest request, Consumer<String> printer)
            throws KeysetException, KeyMismatchException, UnknownMaskException, SinkException {
        List<StoredValue> selected = read(request);
        List<String> lines;
        try {
            requireReversibleMasks();
            new KeyBinding(catalog).requireKnown(keyset);
            lines = reveal(request.field(), selected);
        } catch (KeysetException | KeyMismatchException | UnknownMaskException refused) {
            catalog.audit(entry(request, selected.size(), 0, new Refusal(refusalCode(refused), refused.getMessage())));
            throw refused;
        }
        catalog.audit(entry(request, selected.size(), lines.size(), null));
        lines.forEach(printer);
        return lines.size();
    }

    private void requireReversibleMasks() throws KeysetException {
        if (keyset.mode() == MaskingMode.HMAC) {
            throw new KeysetException("reveal is impossible in hmac mode: its masks are irreversible by design");
        }
    }

    private static RevealAuditEntry entry(RevealRequest request, int selected, int revealed, Refusal refusal) {
        String selection = request.source() instanceof RevealRequest.Database database ? database.userIdPattern() : null;
        return new RevealAuditEntry(request.operator(), request.reason(), request.field().fieldName(),
                request.source().auditName(), selection, selected, revealed, refusal);
    }

    private static String refusalCode(Exception refused) {
        if (refused instanceof KeyMismatchException) {
            return "wrong_keyset";
        }
        return refused instanceof UnknownMaskException ? "unknown_mask" : "hmac_mode";
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
