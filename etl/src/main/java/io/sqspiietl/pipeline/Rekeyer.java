package io.sqspiietl.pipeline;

import io.sqspiietl.masking.KeysetException;
import io.sqspiietl.masking.MaskedField;
import io.sqspiietl.masking.MaskingKeyset;
import io.sqspiietl.masking.SivFieldMasker;
import io.sqspiietl.masking.UnmaskingException;
import io.sqspiietl.sink.DatabaseSettings;
import io.sqspiietl.sink.MaskedColumns;
import io.sqspiietl.sink.MaskedColumns.MaskedRow;
import io.sqspiietl.sink.SinkException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Re-masks the stored {@code masked_ip} and {@code masked_device_id} under the keyset's primary key
 * after {@code keys rotate}, so equal values stay equal across the rotation.
 *
 * <p>The database is rebound to the new primary key first, so from then on only the rotated keyset
 * can {@code run}. Then the table is walked a bounded range of pages at a time, each range one
 * transaction that locks its rows and rewrites only values not yet under the primary key. An
 * interrupted rekey therefore loses nothing, and running it again finishes the job.
 */
public final class Rekeyer {
    private final DatabaseSettings database;
    private final MaskingKeyset keyset;
    private final int pagesPerBatch;

    /**
     * @param pagesPerBatch table pages per transaction (8 KiB each, so about 50 rows per page)
     */
    public Rekeyer(DatabaseSettings database, MaskingKeyset keyset, int pagesPerBatch) {
        if (pagesPerBatch < 1) {
            throw new IllegalArgumentException("pages per batch must be at least 1, was " + pagesPerBatch);
        }
        this.database = database;
        this.keyset = keyset;
        this.pagesPerBatch = pagesPerBatch;
    }

    /** What a rekey did. */
    public record Summary(long rowsScanned, long rowsRewritten, long valuesRemasked) {
    }

    /**
     * Runs the rekey to the end.
     *
     * @throws KeysetException      in hmac mode, whose masks cannot be re-masked
     * @throws KeyMismatchException if the database is masked under a key the keyset does not hold
     * @throws PipelineException    if the database fails, or holds a value no key of the keyset made
     */
    public Summary run() throws KeysetException, KeyMismatchException, PipelineException {
        SivFieldMasker masker = keyset.remasker();
        try (Connection connection = database.connect()) {
            KeyBinding.requireKnown(connection, keyset);
            KeyBinding.rebind(connection, keyset);
            long scanned = 0;
            long rewritten = 0;
            long remasked = 0;
            // The page count is read again each round: rewritten rows may land on new pages.
            for (long page = 0; page < MaskedColumns.pageCount(connection); page += pagesPerBatch) {
                List<MaskedRow> rows = MaskedColumns.lockPages(connection, page, page + pagesPerBatch);
                List<MaskedRow> changed = new ArrayList<>();
                for (MaskedRow row : rows) {
                    Optional<String> ip = remask(masker, MaskedField.IP, row.maskedIp());
                    Optional<String> deviceId = remask(masker, MaskedField.DEVICE_ID, row.maskedDeviceId());
                    if (ip.isPresent() || deviceId.isPresent()) {
                        changed.add(new MaskedRow(row.ctid(), ip.orElse(row.maskedIp()), deviceId.orElse(row.maskedDeviceId())));
                        remasked += ip.stream().count() + deviceId.stream().count();
                    }
                }
                MaskedColumns.update(connection, changed);
                connection.commit();
                scanned += rows.size();
                rewritten += changed.size();
            }
            return new Summary(scanned, rewritten, remasked);
        } catch (SQLException e) {
            throw new PipelineException(SinkException.of("rekey", e).getMessage(), e);
        } catch (SinkException e) {
            throw new PipelineException(e.getMessage(), e);
        }
    }

    private static Optional<String> remask(SivFieldMasker masker, MaskedField field, String masked) throws PipelineException {
        if (masked == null) {
            return Optional.empty();
        }
        try {
            return masker.remask(field, masked);
        } catch (UnmaskingException e) {
            throw new PipelineException("rekey stopped: a stored " + field.fieldName()
                    + " value was not masked under any key of this keyset; nothing of the current batch was changed", e);
        }
    }
}
