package io.sqspiietl.masking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.daead.PredefinedDeterministicAeadParameters;
import io.sqspiietl.contract.Contract;
import io.sqspiietl.contract.Contracts;
import io.sqspiietl.contract.TestContracts;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Each stored column gets what its policy stores; dropped columns get no place at all. */
class ColumnMaskingTest {
    private static final Contract CUSTOMER = TestContracts.parse("""
            contract: customer
            table: customers
            columns:
              - {name: id, type: text}
              - {name: masked_email, source: email, type: text, policy: mask}
              - {name: phone_hash, source: phone, type: text, policy: hmac}
              - {name: password, type: text, policy: drop}
              - {name: network, source: ip, type: ip, policy: ip-prefix}
            """);

    @Test
    void maskAndHmacColumnsAreMaskedUnderTheirFieldAndTheRestPassAsTheyAre() throws Exception {
        MaskingKeyset keyset = MaskingKeyset.generate();
        ColumnMasking masking = new ColumnMasking(Contracts.of(CUSTOMER), keyset);

        Object[] stored = masking.storedValues(CUSTOMER, new Object[] {"c-1", "ana@example.com", "+34 600", null, "10.0.0.0/24"});

        assertThat(stored).hasSize(4);
        assertThat(stored[0]).isEqualTo("c-1");
        assertThat(keyset.fieldMasker().reveal(MaskDomain.of("email"), (String) stored[1])).isEqualTo("ana@example.com");
        assertThat(stored[2]).isEqualTo(keyset.hmacMasker().orElseThrow().mask(MaskDomain.of("phone"), "+34 600"));
        assertThat(stored[3]).isEqualTo("10.0.0.0/24");
        assertThat(Arrays.toString(stored)).doesNotContain("ana@example.com", "+34 600");
    }

    @Test
    void anAbsentValueStaysNull() throws Exception {
        ColumnMasking masking = new ColumnMasking(Contracts.of(CUSTOMER), MaskingKeyset.generate());

        assertThat(masking.storedValues(CUSTOMER, new Object[5])).containsExactly(null, null, null, null);
    }

    @Test
    void anHmacColumnNeedsAKeysetWithAnHmacKeyWhichARotationAdds() throws Exception {
        MaskingKeyset withoutHmac = new MaskingKeyset(MaskingMode.DETERMINISTIC,
                KeysetHandle.generateNew(PredefinedDeterministicAeadParameters.AES256_SIV), null, null);

        assertThatThrownBy(() -> new ColumnMasking(Contracts.of(CUSTOMER), withoutHmac))
                .isInstanceOf(KeysetException.class)
                .hasMessage("contract customer column phone_hash has policy hmac, but the keyset holds no HMAC key "
                        + "(it predates hmac columns); 'keys rotate' adds one");
        assertThat(withoutHmac.rotated().hmacMasker()).isPresent();
    }

    @Test
    void inHmacModeAMaskColumnIsHmacToo() throws Exception {
        MaskingKeyset keyset = MaskingKeyset.generate(MaskingMode.HMAC, null);
        Object[] stored = new ColumnMasking(Contracts.of(CUSTOMER), keyset)
                .storedValues(CUSTOMER, new Object[] {"c-1", "ana@example.com", null, null, null});

        assertThat(stored[1]).isEqualTo(keyset.hmacMasker().orElseThrow().mask(MaskDomain.of("email"), "ana@example.com"));
    }
}
