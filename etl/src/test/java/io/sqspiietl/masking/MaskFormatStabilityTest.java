package io.sqspiietl.masking;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Masks, fingerprints and sealed bodies made by an earlier build must stay readable and must
 * match what this build makes, or stored data would stop revealing and duplicates would stop
 * matching. The keysets are test-only fixtures, written by {@code keys create} and {@code keys
 * rotate}; the expected values were made with them by the build that introduced this test.
 */
class MaskFormatStabilityTest {
    private static final String DETERMINISTIC = "test-only-deterministic-keyset.json";
    private static final String HMAC = "test-only-hmac-keyset.json";
    private static final String IP = "199.172.111.135";
    private static final String DEVICE_ID = "593-47-5928";

    /** Under the older key of the rotated deterministic keyset. */
    private static final String IP_UNDER_OLDER_KEY = "AVKSMza9n63D0Tli8yFZtutz0AEBbWEmj6dRGjEH_m_5GELn";
    private static final String DEVICE_ID_UNDER_OLDER_KEY = "AVKSMzZO0z9MnuFFoJ0Rgu_sSRdtuBK39r_-L0JNaJo";
    private static final String IP_UNDER_PRIMARY = "AQ52hCoHWx6-ATT2XIRgSuyWzuzD5JLnZs3olVHegBOCFhkT";
    private static final String DEVICE_ID_UNDER_PRIMARY = "AQ52hCoJhnockDC6sWphVgiyueh2DACSCNr1T3xMO5k";
    private static final String FINGERPRINT = "AQ52hCrfxSWcmlSupVeIVIA9SOjwUnhoQHJhAgP4h1j1Q2sscFcBpBxO4OM";
    private static final String SEALED_BODY = "AQ52hCpKEdIgfPUN/aXgl9QkQmilEvYWRjVrceQA1E4pVKGvgQ==";

    private static final String HMAC_IP = "Aal0c46W6R1pIdokk4TZOMED6hGz5vTjggcInMciZBu0kwE8Ew";
    private static final String HMAC_DEVICE_ID = "Aal0c46HC1F5qQyZZFzc3kTVcABFBQK84JWKNf5odw4W6iikPA";
    private static final String HMAC_FINGERPRINT = "Aal0c47snmkxaKtwziaQaXHJs39_h0u39ym-kU2KvhdfxnKlUA";

    @TempDir
    Path dir;

    /** What one fixture keyset made: its primary key id, the masks of the two values and its fingerprint. */
    private record Made(String fixture, long primaryKeyId, String ip, String deviceId, String fingerprint) {
    }

    static Stream<Made> made() {
        return Stream.of(
                new Made(DETERMINISTIC, 242_648_106L, IP_UNDER_PRIMARY, DEVICE_ID_UNDER_PRIMARY, FINGERPRINT),
                new Made(HMAC, 2_842_981_262L, HMAC_IP, HMAC_DEVICE_ID, HMAC_FINGERPRINT));
    }

    @ParameterizedTest
    @MethodSource("made")
    void masksAndFingerprintsAreTheSameBytesAsBefore(Made made) throws Exception {
        MaskingKeyset keyset = fixture(made.fixture());

        assertThat(keyset.primaryKeyId()).isEqualTo(made.primaryKeyId());
        assertThat(keyset.fieldMasker().mask(LoginDomains.IP, IP)).isEqualTo(made.ip());
        assertThat(keyset.fieldMasker().mask(LoginDomains.DEVICE_ID, DEVICE_ID)).isEqualTo(made.deviceId());
        assertThat(keyset.fieldMasker().fingerprint()).isEqualTo(made.fingerprint());
    }

    @Test
    void aBodySealedBeforeStillOpens() throws Exception {
        MaskingKeyset keyset = fixture(DETERMINISTIC);

        assertThat(keyset.bodySealer().open("m-1", Base64.getDecoder().decode(SEALED_BODY))).isEqualTo("{\"user_id\": \"u\"}");
    }

    @Test
    void valuesMaskedUnderTheOlderKeyRevealAndRemaskOntoThePrimary() throws Exception {
        MaskingKeyset keyset = fixture(DETERMINISTIC);

        assertThat(keyset.fieldMasker().reveal(LoginDomains.IP, IP_UNDER_OLDER_KEY)).isEqualTo(IP);
        assertThat(keyset.fieldMasker().reveal(LoginDomains.DEVICE_ID, DEVICE_ID_UNDER_OLDER_KEY)).isEqualTo(DEVICE_ID);
        assertThat(keyset.remasker().orElseThrow().remask(LoginDomains.IP, IP_UNDER_OLDER_KEY)).hasValue(IP_UNDER_PRIMARY);
        assertThat(keyset.remasker().orElseThrow().remask(LoginDomains.DEVICE_ID, DEVICE_ID_UNDER_OLDER_KEY)).hasValue(DEVICE_ID_UNDER_PRIMARY);
        assertThat(keyset.remasker().orElseThrow().remask(LoginDomains.IP, IP_UNDER_PRIMARY)).isEmpty();
        assertThat(keyset.remasker().orElseThrow().remask(LoginDomains.DEVICE_ID, DEVICE_ID_UNDER_PRIMARY)).isEmpty();
    }

    /** Keyset files must be owner-only to be read, which a class-path resource is not. */
    private MaskingKeyset fixture(String name) throws Exception {
        Path file = dir.resolve(name);
        try (InputStream in = MaskFormatStabilityTest.class.getResourceAsStream(name)) {
            Files.copy(in, file);
        }
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return MaskingKeyset.read(file);
    }
}
