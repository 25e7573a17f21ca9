package io.sqspiietl.masking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.KmsClient;
import com.google.crypto.tink.KmsClients;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Both masking modes, key rotation and keyset files wrapped by a (fake) KMS. */
class MaskingModesTest {
    private static final String FAKE_KMS_URI = "aws-kms://arn:aws:kms:eu-west-1:123456789012:key/test";

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(MaskingMode.class)
    void masksAreDeterministicKeyedFieldSeparatedAndFitTheColumn(MaskingMode mode) {
        FieldMasker masker = MaskingKeyset.generate(mode, null).fieldMasker();
        FieldMasker other = MaskingKeyset.generate(mode, null).fieldMasker();
        String longest = "x".repeat(160); // the login contract's max_bytes

        assertThat(masker.mask(LoginDomains.DEVICE_ID, "593-47-5928")).isEqualTo(masker.mask(LoginDomains.DEVICE_ID, "593-47-5928"))
                .isNotEqualTo(other.mask(LoginDomains.DEVICE_ID, "593-47-5928"))
                .isNotEqualTo(masker.mask(LoginDomains.IP, "593-47-5928"));
        assertThat(masker.mask(LoginDomains.DEVICE_ID, longest)).hasSizeLessThanOrEqualTo(256);
        assertThat(masker.recognizes(masker.fingerprint())).isTrue();
        assertThat(other.recognizes(masker.fingerprint())).isFalse();
    }

    @Test
    void hmacMasksCannotBeRevealedOrRemasked() {
        MaskingKeyset keyset = MaskingKeyset.generate(MaskingMode.HMAC, null);
        String masked = keyset.fieldMasker().mask(LoginDomains.IP, "10.0.0.1");
        assertThat(masked).hasSize(50);
        assertThatThrownBy(() -> keyset.fieldMasker().reveal(LoginDomains.IP, masked)).isInstanceOf(UnmaskingException.class);
        assertThat(keyset.remasker()).isEmpty();
    }

    @Test
    void rotationKeepsOldValuesRevealableAndMasksNewOnesUnderTheNewKey() throws Exception {
        MaskingKeyset before = MaskingKeyset.generate();
        MaskingKeyset after = before.rotated();
        String old = before.fieldMasker().mask(LoginDomains.IP, "10.0.0.1");

        assertThat(after.primaryKeyId()).isNotEqualTo(before.primaryKeyId());
        assertThat(after.fieldMasker().reveal(LoginDomains.IP, old)).isEqualTo("10.0.0.1");
        assertThat(after.fieldMasker().recognizes(before.fieldMasker().fingerprint())).isTrue();
        String remasked = after.remasker().orElseThrow().remask(LoginDomains.IP, old).orElseThrow();
        assertThat(remasked).isEqualTo(after.fieldMasker().mask(LoginDomains.IP, "10.0.0.1")).isNotEqualTo(old);
        assertThat(after.remasker().orElseThrow().remask(LoginDomains.IP, remasked)).isEmpty();
    }

    @Test
    void hmacKeysetSurvivesTheFileAndRotationKeepsItsMasks() throws Exception {
        Path file = dir.resolve("hmac.json");
        MaskingKeyset keyset = MaskingKeyset.generate(MaskingMode.HMAC, null);
        keyset.writeNew(file);
        MaskingKeyset.read(file).rotated().replace(file);

        MaskingKeyset rotated = MaskingKeyset.read(file);
        assertThat(rotated.mode()).isEqualTo(MaskingMode.HMAC);
        assertThat(rotated.fieldMasker().mask(LoginDomains.IP, "10.0.0.1")).isEqualTo(keyset.fieldMasker().mask(LoginDomains.IP, "10.0.0.1"));
        assertThat(Files.readString(file)).contains("\"mode\" : \"hmac\"");
    }

    @Test
    void keysetWrappedByKmsHoldsNoPlaintextKeyAndReadsBackThroughTheKms() throws Exception {
        KmsClients.add(new FakeKms());
        Path file = dir.resolve("wrapped.json");
        MaskingKeyset keyset = MaskingKeyset.generate(MaskingMode.DETERMINISTIC, FAKE_KMS_URI);
        keyset.writeNew(file);

        String json = Files.readString(file);
        assertThat(json).contains("encryptedKeyset").contains(FAKE_KMS_URI).doesNotContain("\"value\"");
        String masked = keyset.fieldMasker().mask(LoginDomains.DEVICE_ID, "593-47-5928");
        assertThat(MaskingKeyset.read(file).fieldMasker().reveal(LoginDomains.DEVICE_ID, masked)).isEqualTo("593-47-5928");
    }

    @Test
    void bareTinkKeysetFromBeforeTheEnvelopeStillReads() throws Exception {
        Path file = dir.resolve("legacy.json");
        MaskingKeyset keyset = MaskingKeyset.generate();
        Files.writeString(file, com.google.crypto.tink.TinkJsonProtoKeysetFormat.serializeKeyset(keyset.siv(),
                com.google.crypto.tink.InsecureSecretKeyAccess.get()));
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        assertThat(MaskingKeyset.read(file).fieldMasker().mask(LoginDomains.IP, "1.2.3.4"))
                .isEqualTo(keyset.fieldMasker().mask(LoginDomains.IP, "1.2.3.4"));
    }

    /** Stands in for AWS KMS: one in-memory AES-GCM key per test JVM behind the aws-kms:// URI. */
    private static final class FakeKms implements KmsClient {
        private static final Aead KEY;

        static {
            try {
                AeadConfig.register();
                KEY = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM)
                        .getPrimitive(RegistryConfiguration.get(), Aead.class);
            } catch (GeneralSecurityException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        @Override
        public boolean doesSupport(String keyUri) {
            return FAKE_KMS_URI.equals(keyUri);
        }

        @Override
        public KmsClient withCredentials(String credentialPath) {
            return this;
        }

        @Override
        public KmsClient withDefaultCredentials() {
            return this;
        }

        @Override
        public Aead getAead(String keyUri) {
            return KEY;
        }
    }
}
