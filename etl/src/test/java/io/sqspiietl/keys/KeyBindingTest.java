package io.sqspiietl.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.sqspiietl.masking.MaskingKeyset;
import io.sqspiietl.masking.MaskingMode;
import io.sqspiietl.pipeline.KeysetBinding;
import io.sqspiietl.sink.MaskingRecord;
import org.junit.jupiter.api.Test;

class KeyBindingTest {
    private final InMemoryCatalog catalog = new InMemoryCatalog();
    private final KeyBinding binding = new KeyBinding(catalog);
    private final MaskingKeyset keyset = MaskingKeyset.generate();

    @Test
    void aNewDatabaseIsBoundToTheFirstKeysetChecked() throws Exception {
        binding.requireCurrent(keyset);

        assertThat(catalog.record()).hasValue(new MaskingRecord("deterministic", keyset.primaryKeyId(),
                keyset.fieldMasker().fingerprint()));
        binding.requireCurrent(keyset);
        binding.requireKnown(keyset);
    }

    @Test
    void theBindingOfAKeysetIsTheOneEveryBatchOfTheLoaderConfirms() throws Exception {
        MaskingKeyset hmac = MaskingKeyset.generate(MaskingMode.HMAC, null);
        InMemoryCatalog hmacCatalog = new InMemoryCatalog();

        binding.requireCurrent(keyset);
        new KeyBinding(hmacCatalog).requireCurrent(hmac);

        assertThat(catalog.record()).hasValue(KeysetBinding.of(keyset));
        assertThat(hmacCatalog.record()).hasValue(KeysetBinding.of(hmac));
    }

    @Test
    void runWithTheRotatedKeysetIsToldToFinishTheRotationFirst() throws Exception {
        binding.requireCurrent(keyset);
        MaskingKeyset rotated = keyset.rotated();

        assertThatExceptionOfType(KeyMismatchException.class)
                .isThrownBy(() -> binding.requireCurrent(rotated))
                .withMessage("the masked columns in this database are in deterministic mode with key " + keyset.primaryKeyId()
                        + ", but this keyset masks deterministic mode with key " + rotated.primaryKeyId()
                        + "; finish the rotation with 'rekey' before loading");
    }

    @Test
    void runWithAnUnrelatedKeysetIsToldToUseTheOneTheDataWasLoadedWith() throws Exception {
        binding.requireCurrent(keyset);

        assertThatExceptionOfType(KeyMismatchException.class)
                .isThrownBy(() -> binding.requireCurrent(MaskingKeyset.generate()))
                .withMessageEndingWith("; use the keyset the data was loaded with");
        assertThatExceptionOfType(KeyMismatchException.class)
                .isThrownBy(() -> binding.requireCurrent(MaskingKeyset.generate(MaskingMode.HMAC, null)))
                .withMessageContaining("but this keyset masks hmac mode")
                .withMessageEndingWith("; use the keyset the data was loaded with");
        assertThat(catalog.record().orElseThrow().keyId()).isEqualTo(keyset.primaryKeyId());
    }

    @Test
    void rekeyAndRevealAcceptAKeysetThatStillHoldsTheBoundKey() throws Exception {
        binding.requireCurrent(keyset);

        binding.requireKnown(keyset.rotated());
        assertThatExceptionOfType(KeyMismatchException.class)
                .isThrownBy(() -> binding.requireKnown(MaskingKeyset.generate()))
                .withMessageEndingWith(", which this keyset does not hold");
    }

    @Test
    void rebindingRecordsThePrimaryKeyOfTheRotatedKeyset() throws Exception {
        binding.requireCurrent(keyset);
        MaskingKeyset rotated = keyset.rotated();

        binding.rebind(rotated);

        assertThat(catalog.record().orElseThrow().keyId()).isEqualTo(rotated.primaryKeyId());
        binding.requireCurrent(rotated);
    }
}
