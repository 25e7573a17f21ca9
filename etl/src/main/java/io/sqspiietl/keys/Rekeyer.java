package io.sqspiietl.keys;

import io.sqspiietl.masking.KeysetException;
import io.sqspiietl.masking.MaskedField;
import io.sqspiietl.masking.MaskingKeyset;
import io.sqspiietl.masking.SivFieldMasker;
import io.sqspiietl.masking.UnmaskingException;
import io.sqspiietl.sink.MaskedColumns;
import io.sqspiietl.sink.MaskedColumns.RewriteSummary;
import io.sqspiietl.sink.MaskingCatalog;
import io.sqspiietl.sink.SinkException;
import java.util.Optional;

/**
 * Re-masks the stored {@code masked_ip} and {@code masked_device_id} under the keyset's primary key
 * after {@code keys rotate}, so equal values stay equal across the rotation.
 *
 * <p>The database is rebound to the new primary key first, so from then on only the rotated keyset
 * can {@code run}. Then every stored value not yet under the primary key is re-masked, a bounded
 * range of table pages per transaction (see {@link MaskedColumns#rewriteAll}). Values already under
 * the primary key are kept, so an interrupted rekey loses nothing and running it again finishes the
 * job.
 */
public final class Rekeyer {
    private final MaskingCatalog catalog;
    private final MaskedColumns columns;
    private final MaskingKeyset keyset;
    private final int pagesPerBatch;

    /**
     * @param pagesPerBatch table pages per transaction (8 KiB each, so about 50 rows per page)
     */
    public Rekeyer(MaskingCatalog catalog, MaskedColumns columns, MaskingKeyset keyset, int pagesPerBatch) {
        if (pagesPerBatch < 1) {
            throw new IllegalArgumentException("pages per batch must be at least 1, was " + pagesPerBatch);
        }
        this.catalog = catalog;
        this.columns = columns;
        this.keyset = keyset;
        this.pagesPerBatch = pagesPerBatch;
    }

    /**
     * Runs the rekey to the end.
     *
     * @throws KeysetException      in hmac mode, whose masks cannot be re-masked
     * @throws KeyMismatchException if the database is masked under a key the keyset does not hold
     * @throws UnknownMaskException if the database holds a value no key of the keyset made
     * @throws SinkException        if the database fails
     */
    public RewriteSummary run() throws KeysetException, KeyMismatchException, UnknownMaskException, SinkException {
        SivFieldMasker masker = keyset.remasker();
        KeyBinding binding = new KeyBinding(catalog);
        binding.requireKnown(keyset);
        binding.rebind(keyset);
        return columns.rewriteAll(pagesPerBatch, (column, masked) -> remask(masker, FieldColumns.fieldOf(column), masked));
    }

    private static Optional<String> remask(SivFieldMasker masker, MaskedField field, String masked) throws UnknownMaskException {
        try {
            return masker.remask(field, masked);
        } catch (UnmaskingException e) {
            throw new UnknownMaskException("rekey stopped: a stored " + field.fieldName()
                    + " value was not masked under any key of this keyset; nothing of the current batch was changed", e);
        }
    }
}
