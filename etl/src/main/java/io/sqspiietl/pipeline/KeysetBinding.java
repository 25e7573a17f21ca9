package io.sqspiietl.pipeline;

import io.sqspiietl.masking.MaskingKeyset;
import io.sqspiietl.sink.MaskingRecord;

/**
 * The key binding that stands for a keyset: the record of {@code sqs_pii_etl_masking} a database
 * masked under it holds. It is the record {@code keys.KeyBinding} writes and compares (its test pins
 * that the two agree); the pipeline, which may not use {@code keys}, makes it here to have every batch
 * transaction confirm it.
 */
public final class KeysetBinding {
    private KeysetBinding() {
    }

    /** The binding of a database masked under {@code keyset}'s primary key. */
    public static MaskingRecord of(MaskingKeyset keyset) {
        return new MaskingRecord(keyset.mode().label(), keyset.primaryKeyId(), keyset.fieldMasker().fingerprint());
    }
}
