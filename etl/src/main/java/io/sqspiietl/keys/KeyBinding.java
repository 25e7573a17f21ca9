package io.sqspiietl.keys;

import io.sqspiietl.masking.MaskingKeyset;
import io.sqspiietl.sink.MaskingCatalog;
import io.sqspiietl.sink.MaskingRecord;
import io.sqspiietl.sink.SinkException;
import java.util.Optional;

/**
 * Binds a database's masked columns to one masking mode and key. Mixing keys or modes in one table
 * would silently break duplicate detection, so every command that masks or reveals checks first.
 * A database with no binding yet is bound by the first check.
 */
public final class KeyBinding {
    private final MaskingCatalog catalog;

    public KeyBinding(MaskingCatalog catalog) {
        this.catalog = catalog;
    }

    /**
     * For {@code run}: the keyset must be the one the data is masked under (same mode, same primary
     * key).
     *
     * @throws KeyMismatchException if the database is bound to another mode or key
     */
    public void requireCurrent(MaskingKeyset keyset) throws KeyMismatchException, SinkException {
        MaskingRecord mine = record(keyset);
        Optional<MaskingRecord> recorded = catalog.recordIfAbsent(mine);
        if (recorded.isPresent() && !recorded.get().equals(mine)) {
            boolean known = recorded.get().mode().equals(mine.mode())
                    && keyset.fieldMasker().recognizes(recorded.get().fingerprint());
            throw new KeyMismatchException(describe(recorded.get()) + ", but this keyset masks " + describe(mine)
                    + (known ? "; finish the rotation with 'rekey' before loading" : "; use the keyset the data was loaded with"));
        }
    }

    /**
     * For {@code rekey} and {@code reveal}: the keyset must hold the key the data is masked under,
     * as primary or as an older key kept by {@code keys rotate}.
     *
     * @throws KeyMismatchException if it does not, or the mode differs
     */
    public void requireKnown(MaskingKeyset keyset) throws KeyMismatchException, SinkException {
        MaskingRecord mine = record(keyset);
        Optional<MaskingRecord> recorded = catalog.recordIfAbsent(mine);
        if (recorded.isPresent() && (!recorded.get().mode().equals(mine.mode())
                || !keyset.fieldMasker().recognizes(recorded.get().fingerprint()))) {
            throw new KeyMismatchException(describe(recorded.get()) + ", which this keyset does not hold");
        }
    }

    /** Binds the database to the keyset's current primary key, once {@code rekey} takes over. */
    void rebind(MaskingKeyset keyset) throws SinkException {
        catalog.replace(record(keyset));
    }

    private static MaskingRecord record(MaskingKeyset keyset) {
        return new MaskingRecord(keyset.mode().label(), keyset.primaryKeyId(), keyset.fieldMasker().fingerprint());
    }

    private static String describe(MaskingRecord record) {
        return record.mode() + " mode with key " + record.keyId();
    }
}
