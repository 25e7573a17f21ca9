package io.sqspiietl.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.sqspiietl.masking.FieldMasker;
import io.sqspiietl.masking.KeysetException;
import io.sqspiietl.masking.LoginDomains;
import io.sqspiietl.masking.MaskDomain;
import io.sqspiietl.masking.MaskingKeyset;
import io.sqspiietl.masking.MaskingMode;
import io.sqspiietl.sink.RevealAuditEntry;
import io.sqspiietl.sink.RevealAuditEntry.Refusal;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RevealerTest {
    private final InMemoryCatalog catalog = new InMemoryCatalog();
    private final InMemoryColumns columns = new InMemoryColumns();
    private final MaskingKeyset keyset = MaskingKeyset.generate();
    private final FieldMasker masker = keyset.fieldMasker();
    private final List<String> printed = new ArrayList<>();

    @Test
    void argumentsAreRevealedInOrderAndAuditedBeforeTheFirstLineIsPrinted() throws Exception {
        RevealRequest request = request(LoginDomains.DEVICE_ID, new RevealRequest.Arguments(
                List.of(masker.mask(LoginDomains.DEVICE_ID, "593-47-5928"), masker.mask(LoginDomains.DEVICE_ID, "111-22-3333"))));

        int revealed = revealer().reveal(request, line -> {
            assertThat(catalog.audits()).as("audited before printing").hasSize(1);
            printed.add(line);
        });

        assertThat(revealed).isEqualTo(2);
        assertThat(printed).containsExactly("593-47-5928", "111-22-3333");
        assertThat(catalog.audits()).containsExactly(
                new RevealAuditEntry("alice", "TICKET-1", InMemoryCatalog.MASKED_DEVICE_ID, "arguments", null, 2, 2, null));
    }

    @Test
    void standardInputIsReadLineByLineSkippingBlankLines() throws Exception {
        String input = "  " + masker.mask(LoginDomains.IP, "10.1.2.3") + "\n\n" + masker.mask(LoginDomains.IP, "10.9.9.9") + "\t\n";
        RevealRequest request = request(LoginDomains.IP,
                new RevealRequest.StandardInput(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8))));

        revealer().reveal(request, printed::add);

        assertThat(printed).containsExactly("10.1.2.3", "10.9.9.9");
        assertThat(catalog.audits()).extracting(RevealAuditEntry::source).containsExactly("stdin");
    }

    @Test
    void storedValuesOfMatchingUsersArePrintedWithTheirUserId() throws Exception {
        new KeyBinding(catalog).requireCurrent(keyset);
        columns.add("bob", masker.mask(LoginDomains.IP, "10.0.0.2"), null);
        columns.add("alice-2", null, masker.mask(LoginDomains.DEVICE_ID, "222-22-2222"));
        columns.add("alice-1", masker.mask(LoginDomains.IP, "10.0.0.1"), masker.mask(LoginDomains.DEVICE_ID, "111-11-1111"));

        revealer().reveal(request(LoginDomains.DEVICE_ID, new RevealRequest.Database("alice%")), printed::add);

        assertThat(printed).containsExactly("alice-1\t111-11-1111", "alice-2\t222-22-2222");
        assertThat(catalog.audits()).containsExactly(
                new RevealAuditEntry("alice", "TICKET-1", InMemoryCatalog.MASKED_DEVICE_ID, "database", "alice%", 2, 2, null));
    }

    @Test
    void aValueOfAnotherKeyStopsTheRevealWhichIsAuditedAsRefusedAndPrintsNothing() throws Exception {
        String foreign = MaskingKeyset.generate().fieldMasker().mask(LoginDomains.IP, "10.0.0.1");
        RevealRequest request = request(LoginDomains.IP,
                new RevealRequest.Arguments(List.of(masker.mask(LoginDomains.IP, "10.0.0.2"), foreign)));

        assertThatExceptionOfType(UnknownMaskException.class)
                .isThrownBy(() -> revealer().reveal(request, printed::add))
                .withMessage("value 2 of 2: not a masked ip value under this keyset");
        assertThat(printed).isEmpty();
        assertThat(catalog.audits()).containsExactly(new RevealAuditEntry("alice", "TICKET-1", InMemoryCatalog.MASKED_IP, "arguments", null, 2, 0,
                new Refusal("unknown_mask", "value 2 of 2: not a masked ip value under this keyset")));
    }

    @Test
    void aValueOfTheRightKeyButTheOtherFieldIsNotRevealed() throws Exception {
        RevealRequest request = request(LoginDomains.IP,
                new RevealRequest.Arguments(List.of(masker.mask(LoginDomains.DEVICE_ID, "10.0.0.2"))));

        assertThatExceptionOfType(UnknownMaskException.class).isThrownBy(() -> revealer().reveal(request, printed::add));
        assertThat(printed).isEmpty();
    }

    @Test
    void aDatabaseBoundToAnotherKeyIsRefusedAndTheAttemptAudited() throws Exception {
        MaskingKeyset other = MaskingKeyset.generate();
        new KeyBinding(catalog).requireCurrent(other);
        RevealRequest request = request(LoginDomains.IP, new RevealRequest.Arguments(List.of(masker.mask(LoginDomains.IP, "10.0.0.2"))));

        assertThatExceptionOfType(KeyMismatchException.class).isThrownBy(() -> revealer().reveal(request, printed::add));
        assertThat(printed).isEmpty();
        assertThat(catalog.audits()).containsExactly(new RevealAuditEntry("alice", "TICKET-1", InMemoryCatalog.MASKED_IP, "arguments", null, 1, 0,
                new Refusal("wrong_keyset", "the masked columns in this database are in deterministic mode with key "
                        + other.primaryKeyId() + ", which this keyset does not hold")));
    }

    @Test
    void hmacKeysetsCannotRevealAndTheAttemptIsAudited() {
        Revealer hmac = new Revealer(catalog, columns, MaskingKeyset.generate(MaskingMode.HMAC, null));
        RevealRequest request = request(LoginDomains.IP, new RevealRequest.Database("%"));

        assertThatExceptionOfType(KeysetException.class)
                .isThrownBy(() -> hmac.reveal(request, printed::add))
                .withMessage("reveal is impossible in hmac mode: its masks are irreversible by design");
        assertThat(catalog.audits()).containsExactly(new RevealAuditEntry("alice", "TICKET-1", InMemoryCatalog.MASKED_IP, "database", "%", 0, 0,
                new Refusal("hmac_mode", "reveal is impossible in hmac mode: its masks are irreversible by design")));
        assertThat(catalog.record()).as("the attempt binds no key").isEmpty();
    }

    private Revealer revealer() {
        return new Revealer(catalog, columns, keyset);
    }

    private static RevealRequest request(MaskDomain field, RevealRequest.Source source) {
        return new RevealRequest(new RevealRequest.ColumnSelector(null, null, field.name()), "alice", "TICKET-1", source);
    }
}
