package io.sqspiietl.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.sqspiietl.keys.InMemoryColumns.Row;
import io.sqspiietl.masking.BodySealer;
import io.sqspiietl.masking.FieldMasker;
import io.sqspiietl.masking.LoginDomains;
import io.sqspiietl.masking.MaskDomain;
import io.sqspiietl.masking.MaskingKeyset;
import io.sqspiietl.masking.MaskingMode;
import io.sqspiietl.sink.MaskedColumns.RewriteSummary;
import java.util.List;
import org.junit.jupiter.api.Test;

class RekeyerTest {
    private final InMemoryCatalog catalog = new InMemoryCatalog();
    private final InMemoryColumns columns = new InMemoryColumns();
    private final InMemoryBodies bodies = new InMemoryBodies();
    private final MaskingKeyset original = MaskingKeyset.generate();
    private final MaskingKeyset rotated = original.rotated();

    @Test
    void everyStoredValueIsRemaskedUnderThePrimaryKeyAndARerunFindsNothingToDo() throws Exception {
        loadUnder(original);

        RekeySummary summary = new Rekeyer(catalog, columns, bodies, rotated, 2).run();

        assertThat(summary).isEqualTo(new RekeySummary(new RewriteSummary(3, 3, 5), 2));
        FieldMasker primary = rotated.fieldMasker();
        assertThat(columns.rows()).containsExactly(
                new Row("u1", primary.mask(LoginDomains.IP, "10.0.0.1"), primary.mask(LoginDomains.DEVICE_ID, "111-22-3333")),
                new Row("u2", primary.mask(LoginDomains.IP, "10.0.0.1"), null),
                new Row("u3", primary.mask(LoginDomains.IP, "10.0.0.3"), primary.mask(LoginDomains.DEVICE_ID, "111-22-3333")));
        BodySealer primarySealer = rotated.bodySealer();
        assertThat(bodies.get("m-1")).isEqualTo(primarySealer.seal("m-1", "{\"ip\": \"10.0.0.1\"}"));
        assertThat(bodies.get("m-2")).isEqualTo(primarySealer.seal("m-2", "not json"));
        assertThat(catalog.record().orElseThrow().keyId()).isEqualTo(rotated.primaryKeyId());
        assertThat(new Rekeyer(catalog, columns, bodies, rotated, 2).run())
                .isEqualTo(new RekeySummary(new RewriteSummary(3, 0, 0), 0));
    }

    @Test
    void aForeignBodyStopsTheRekeyAndKeepsItsBatchUnchanged() throws Exception {
        loadUnder(original);
        byte[] foreign = MaskingKeyset.generate().bodySealer().seal("m-3", "{}");
        bodies.put("m-3", foreign);
        byte[] fourth = original.bodySealer().seal("m-4", "{}");
        bodies.put("m-4", fourth);
        byte[] first = bodies.get("m-1");

        assertThatExceptionOfType(UnknownMaskException.class)
                .isThrownBy(() -> new Rekeyer(catalog, columns, bodies, rotated, 2).run())
                .withMessage("rekey stopped: a quarantined body was not sealed under any key of this keyset; "
                        + "nothing of the current batch was changed");

        // The first transaction (m-1, m-2) committed; the second (the foreign m-3 and m-4) did not.
        assertThat(bodies.get("m-1")).isNotEqualTo(first);
        assertThat(bodies.get("m-3")).isEqualTo(foreign);
        assertThat(bodies.get("m-4")).isEqualTo(fourth);
    }

    @Test
    void aForeignValueStopsTheRekeyAndKeepsItsBatchUnchanged() throws Exception {
        loadUnder(original);
        String foreign = MaskingKeyset.generate().fieldMasker().mask(LoginDomains.DEVICE_ID, "999-99-9999");
        columns.add("u4", original.fieldMasker().mask(LoginDomains.IP, "10.0.0.4"), foreign);
        List<Row> before = columns.rows();

        assertThatExceptionOfType(UnknownMaskException.class)
                .isThrownBy(() -> new Rekeyer(catalog, columns, bodies, rotated, 2).run())
                .withMessage("rekey stopped: a stored value of user_logins.masked_device_id was not masked under any key of this keyset; "
                        + "nothing of the current batch was changed");

        // The first batch (u1, u2) committed; the second (u3 and the foreign u4) did not.
        assertThat(columns.rows().subList(0, 2)).doesNotContainAnyElementsOf(before.subList(0, 2));
        assertThat(columns.rows().subList(2, 4)).isEqualTo(before.subList(2, 4));
    }

    @Test
    void inHmacModeOnlyTheQuarantinedBodiesAreResealed() throws Exception {
        MaskingKeyset hmac = MaskingKeyset.generate(MaskingMode.HMAC, null);
        loadUnder(hmac);
        List<Row> before = columns.rows();
        MaskingKeyset rotatedHmac = hmac.rotated();

        assertThat(new Rekeyer(catalog, columns, bodies, rotatedHmac, 2).run())
                .isEqualTo(new RekeySummary(new RewriteSummary(0, 0, 0), 2));

        assertThat(columns.rows()).as("the rotation keeps the HMAC key, so its masks stay").isEqualTo(before);
        assertThat(bodies.get("m-1")).isEqualTo(rotatedHmac.bodySealer().seal("m-1", "{\"ip\": \"10.0.0.1\"}"));
        assertThat(bodies.get("m-1")).isNotEqualTo(hmac.bodySealer().seal("m-1", "{\"ip\": \"10.0.0.1\"}"));
        assertThat(catalog.record().orElseThrow().keyId()).isEqualTo(hmac.primaryKeyId());
    }

    @Test
    void aKeysetWithoutTheBoundKeyIsRefusedAndChangesNothing() throws Exception {
        loadUnder(original);
        List<Row> before = columns.rows();

        assertThatExceptionOfType(KeyMismatchException.class)
                .isThrownBy(() -> new Rekeyer(catalog, columns, bodies, MaskingKeyset.generate(), 1).run());

        assertThat(columns.rows()).isEqualTo(before);
        assertThat(catalog.record().orElseThrow().keyId()).isEqualTo(original.primaryKeyId());
    }

    private void loadUnder(MaskingKeyset keyset) throws Exception {
        new KeyBinding(catalog).requireCurrent(keyset);
        FieldMasker masker = keyset.fieldMasker();
        columns.add("u1", masker.mask(LoginDomains.IP, "10.0.0.1"), masker.mask(LoginDomains.DEVICE_ID, "111-22-3333"));
        columns.add("u2", masker.mask(LoginDomains.IP, "10.0.0.1"), null);
        columns.add("u3", masker.mask(LoginDomains.IP, "10.0.0.3"), masker.mask(LoginDomains.DEVICE_ID, "111-22-3333"));
        bodies.put("m-1", keyset.bodySealer().seal("m-1", "{\"ip\": \"10.0.0.1\"}"));
        bodies.put("m-2", keyset.bodySealer().seal("m-2", "not json"));
    }
}
