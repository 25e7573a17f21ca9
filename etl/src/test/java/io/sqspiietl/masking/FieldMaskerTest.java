package io.sqspiietl.masking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class FieldMaskerTest {
    private final FieldMasker masker = MaskingKeyset.generate().fieldMasker();

    @Test
    void equalInputsMaskEquallyUnderOneKey() {
        assertThat(masker.mask(LoginDomains.DEVICE_ID, "593-47-5928"))
                .isEqualTo(masker.mask(LoginDomains.DEVICE_ID, "593-47-5928"))
                .isNotEqualTo(masker.mask(LoginDomains.DEVICE_ID, "593-47-5929"));
    }

    @Test
    void anotherKeyMasksDifferently() {
        FieldMasker other = MaskingKeyset.generate().fieldMasker();
        assertThat(other.mask(LoginDomains.IP, "199.172.111.135"))
                .isNotEqualTo(masker.mask(LoginDomains.IP, "199.172.111.135"));
    }

    @Test
    void sameStringMasksDifferentlyPerField() {
        assertThat(masker.mask(LoginDomains.IP, "10.0.0.1")).isNotEqualTo(masker.mask(LoginDomains.DEVICE_ID, "10.0.0.1"));
    }

    @Test
    void keyHolderRevealsTheOriginal() throws UnmaskingException {
        String masked = masker.mask(LoginDomains.IP, "199.172.111.135");
        assertThat(masked).doesNotContain("199").matches("[A-Za-z0-9_-]+");
        assertThat(masker.reveal(LoginDomains.IP, masked)).isEqualTo("199.172.111.135");
    }

    @Test
    void revealFailsUnderAnotherKeyOrField() {
        String masked = masker.mask(LoginDomains.IP, "199.172.111.135");
        FieldMasker other = MaskingKeyset.generate().fieldMasker();
        assertThatThrownBy(() -> other.reveal(LoginDomains.IP, masked))
                .isInstanceOf(UnmaskingException.class)
                .hasMessage("not a masked ip value under this keyset");
        assertThatThrownBy(() -> masker.reveal(LoginDomains.DEVICE_ID, masked))
                .isInstanceOf(UnmaskingException.class);
        assertThatThrownBy(() -> masker.reveal(LoginDomains.IP, "not base64 !"))
                .isInstanceOf(UnmaskingException.class);
    }

    @Test
    void nullStaysNull() {
        assertThat(masker.mask(LoginDomains.IP, null)).isNull();
    }
}
