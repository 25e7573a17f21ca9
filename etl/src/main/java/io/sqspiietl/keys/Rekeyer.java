package io.sqspiietl.keys;

import io.sqspiietl.contract.Policy;
import io.sqspiietl.masking.BodySealer;
import io.sqspiietl.masking.MaskDomain;
import io.sqspiietl.masking.MaskingKeyset;
import io.sqspiietl.masking.SivFieldMasker;
import io.sqspiietl.masking.UnmaskingException;
import io.sqspiietl.sink.KeyedColumn;
import io.sqspiietl.sink.MaskedColumns;
import io.sqspiietl.sink.MaskedColumns.RewriteSummary;
import io.sqspiietl.sink.MaskingCatalog;
import io.sqspiietl.sink.SealedBodies;
import io.sqspiietl.sink.SinkException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Re-masks the stored values of every {@code mask} column in the masking catalog under the keyset's
 * primary key after {@code keys rotate}, so equal values stay equal across the rotation, and seals
 * the quarantined bodies anew under it, so that a key retired after a leak opens none of them. ({@code
 * hmac} columns keep their masks: a rotation keeps the HMAC key, and there are no originals to mask
 * again.)
 *
 * <p>The database is rebound to the new primary key first, so from then on only the rotated keyset
 * can {@code run}. Then every stored value not yet under the primary key is re-masked, a bounded
 * range of table pages per transaction (see {@link MaskedColumns#rewriteAll}), and every quarantined
 * body not yet under it is re-sealed, a few rows per transaction. What is already under the primary
 * key is kept, so an interrupted rekey loses nothing and running it again finishes the job.
 */
public final class Rekeyer {
    private final MaskingCatalog catalog;
    private final MaskedColumns columns;
    private final SealedBodies bodies;
    private final MaskingKeyset keyset;
    private final int pagesPerBatch;

    /**
     * @param pagesPerBatch table pages per transaction (8 KiB each, so about 50 rows per page)
     */
    public Rekeyer(MaskingCatalog catalog, MaskedColumns columns, SealedBodies bodies, MaskingKeyset keyset,
                   int pagesPerBatch) {
        if (pagesPerBatch < 1) {
            throw new IllegalArgumentException("pages per batch must be at least 1, was " + pagesPerBatch);
        }
        this.catalog = catalog;
        this.columns = columns;
        this.bodies = bodies;
        this.keyset = keyset;
        this.pagesPerBatch = pagesPerBatch;
    }

    /**
     * Runs the rekey to the end. In hmac mode only the bodies are re-sealed: a rotation keeps the HMAC
     * key (its masks have no originals to mask again) and gives the sealing key a new primary.
     *
     * @throws KeyMismatchException if the database is masked under a key the keyset does not hold
     * @throws UnknownMaskException if the database holds a value or a body no key of the keyset made
     * @throws SinkException        if the database fails
     */
    public RekeySummary run() throws KeyMismatchException, UnknownMaskException, SinkException {
        KeyBinding binding = new KeyBinding(catalog);
        binding.requireKnown(keyset);
        binding.rebind(keyset);
        Optional<SivFieldMasker> remasker = keyset.remasker();
        RewriteSummary rewritten = remasker.isPresent() ? remaskColumns(remasker.get()) : RewriteSummary.NONE;
        BodySealer sealer = keyset.bodySealer();
        return new RekeySummary(rewritten, bodies.resealAll((messageId, sealed) -> reseal(sealer, messageId, sealed)));
    }

    private RewriteSummary remaskColumns(SivFieldMasker masker) throws UnknownMaskException, SinkException {
        List<KeyedColumn> masked = catalog.keyedColumns().stream().filter(c -> c.policy().equals(Policy.MASK.code())).toList();
        return columns.rewriteAll(masked, pagesPerBatch, (column, value) -> remask(masker, column, value));
    }

    /** The body sealed under the primary key, or empty if it already is (sealing is deterministic). */
    private static Optional<byte[]> reseal(BodySealer sealer, String messageId, byte[] sealed) throws UnknownMaskException {
        byte[] resealed;
        try {
            resealed = sealer.seal(messageId, sealer.open(messageId, sealed));
        } catch (UnmaskingException e) {
            throw new UnknownMaskException("rekey stopped: a quarantined body was not sealed under any key of this "
                    + "keyset; nothing of the current batch was changed", e);
        }
        return Arrays.equals(resealed, sealed) ? Optional.empty() : Optional.of(resealed);
    }

    private static Optional<String> remask(SivFieldMasker masker, KeyedColumn column, String masked) throws UnknownMaskException {
        try {
            return masker.remask(MaskDomain.of(column.domain()), masked);
        } catch (UnmaskingException e) {
            throw new UnknownMaskException("rekey stopped: a stored value of " + column.qualifiedName()
                    + " was not masked under any key of this keyset; nothing of the current batch was changed", e);
        }
    }
}
