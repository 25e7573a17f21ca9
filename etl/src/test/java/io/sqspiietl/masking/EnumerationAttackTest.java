package io.sqspiietl.masking;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.crypto.tink.DeterministicAead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.Key;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.daead.AesSivKey;
import com.google.crypto.tink.daead.AesSivParameters;
import com.google.crypto.tink.mac.HmacKey;
import com.google.crypto.tink.mac.HmacParameters;
import com.google.crypto.tink.util.SecretBytes;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The masks resist the enumeration that reverses the usual masking mistakes. Each mistake is made
 * here on purpose (an unkeyed hash, a default all-zero key, one domain for both fields), and the
 * enumeration must reverse it; so must the enumeration with the real key. These positive controls
 * are what make "the tool's masks give nothing away" a claim that can fail.
 *
 * <p>The attacker enumerates a realistic but small space so that the test runs in seconds: 100,000
 * device ids ({@code 593-4d-dddd}, a ten-thousandth of the SSN-shaped space) and the 65,536 IPv4
 * addresses of {@code 199.172.0.0/16}, which hold the sample of 100 of each. The whole spaces only
 * take proportionally longer. Assertions count values and never show one.
 */
class EnumerationAttackTest {
    private static final int SAMPLE = 100;
    private static final int DEVICE_ID_CANDIDATES = 100_000;
    private static final int IP_CANDIDATES = 65_536;
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    /** How a value of a field becomes a mask: what the loader stores, or what the attacker guesses it does. */
    @FunctionalInterface
    private interface MaskFunction {
        String mask(MaskDomain field, String value);
    }

    /** How many values an enumeration recovered, and how many of those are the sample's originals. */
    private record Recovery(int recovered, int originals) {
        static final Recovery EVERY_VALUE = new Recovery(2 * SAMPLE, 2 * SAMPLE);
        static final Recovery NOTHING = new Recovery(0, 0);
    }

    private final Random random = new Random(20240521);
    private final Set<String> deviceIds = sample(() -> deviceId(random.nextInt(DEVICE_ID_CANDIDATES)));
    private final Set<String> ips = sample(() -> ip(random.nextInt(IP_CANDIDATES)));

    @Test
    void anUnkeyedHashIsReversed() {
        assertThat(attack(EnumerationAttackTest::sha256, EnumerationAttackTest::sha256)).isEqualTo(Recovery.EVERY_VALUE);
    }

    @ParameterizedTest
    @EnumSource(MaskingMode.class)
    void aDefaultKeyIsReversedByWhoeverReadsTheCode(MaskingMode mode) throws GeneralSecurityException {
        FieldMasker loaders = allZeroKeyset(mode).fieldMasker();
        FieldMasker attackers = allZeroKeyset(mode).fieldMasker(); // rebuilt from the published default

        assertThat(attack(loaders::mask, attackers::mask)).isEqualTo(Recovery.EVERY_VALUE);
    }

    @Test
    void oneDomainForBothFieldsLetsMasksOfOneFieldRevealTheOther() throws GeneralSecurityException {
        MaskFunction oneDomain = oneDomainFor(MaskingKeyset.generate());
        // Without the key the attacker cannot mask, but can have the loader mask chosen values in one
        // field (send events, read the column) and match them against the other field's column.
        assertThat(attack(oneDomain, (field, candidate) -> oneDomain.mask(otherField(field), candidate)))
                .isEqualTo(Recovery.EVERY_VALUE);
    }

    @ParameterizedTest
    @EnumSource(MaskingMode.class)
    void theToolsMasksResistEveryOneOfTheseAttacks(MaskingMode mode) throws GeneralSecurityException {
        FieldMasker loaders = MaskingKeyset.generate(mode, null).fieldMasker();

        assertThat(attack(loaders::mask, EnumerationAttackTest::sha256)).isEqualTo(Recovery.NOTHING);
        assertThat(attack(loaders::mask, allZeroKeyset(mode).fieldMasker()::mask)).isEqualTo(Recovery.NOTHING);
        assertThat(attack(loaders::mask, MaskingKeyset.generate(mode, null).fieldMasker()::mask)).isEqualTo(Recovery.NOTHING);
        assertThat(attack(loaders::mask, (field, candidate) -> loaders.mask(otherField(field), candidate)))
                .isEqualTo(Recovery.NOTHING);
    }

    @ParameterizedTest
    @EnumSource(MaskingMode.class)
    void theSameEnumerationWithTheRealKeyRecoversEveryValue(MaskingMode mode) {
        FieldMasker loaders = MaskingKeyset.generate(mode, null).fieldMasker();

        assertThat(attack(loaders::mask, loaders::mask)).isEqualTo(Recovery.EVERY_VALUE);
    }

    /**
     * Masks the sample with {@code loader}, then masks every candidate with {@code guess} and looks
     * each result up among the stored masks of the same field.
     */
    private Recovery attack(MaskFunction loader, MaskFunction guess) {
        Map<MaskDomain, Set<String>> stored = new HashMap<>();
        stored.put(LoginDomains.DEVICE_ID, masks(loader, LoginDomains.DEVICE_ID, deviceIds));
        stored.put(LoginDomains.IP, masks(loader, LoginDomains.IP, ips));
        Set<String> recovered = new HashSet<>();
        for (int i = 0; i < DEVICE_ID_CANDIDATES; i++) {
            tryCandidate(guess, LoginDomains.DEVICE_ID, deviceId(i), stored, recovered);
        }
        for (int i = 0; i < IP_CANDIDATES; i++) {
            tryCandidate(guess, LoginDomains.IP, ip(i), stored, recovered);
        }
        int originals = (int) recovered.stream().filter(value -> deviceIds.contains(value) || ips.contains(value)).count();
        return new Recovery(recovered.size(), originals);
    }

    private static void tryCandidate(MaskFunction guess, MaskDomain field, String candidate,
                                     Map<MaskDomain, Set<String>> stored, Set<String> recovered) {
        if (stored.get(field).contains(guess.mask(field, candidate))) {
            recovered.add(candidate);
        }
    }

    private static Set<String> masks(MaskFunction loader, MaskDomain field, Set<String> values) {
        Set<String> masks = new HashSet<>();
        values.forEach(value -> masks.add(loader.mask(field, value)));
        return masks;
    }

    /** The mistake of hashing: SHA-256 of the value, in hex, the same for every field. */
    private static String sha256(MaskDomain field, String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    /** The mistake of a key in the code: the tool's own keyset format, with all-zero key bytes. */
    private static MaskingKeyset allZeroKeyset(MaskingMode mode) throws GeneralSecurityException {
        KeysetHandle siv = keysetOf(AesSivKey.builder()
                .setParameters(AesSivParameters.builder().setKeySizeBytes(64).setVariant(AesSivParameters.Variant.TINK).build())
                .setKeyBytes(zeroBytes(64)).setIdRequirement(1).build());
        KeysetHandle hmac = mode != MaskingMode.HMAC ? null : keysetOf(HmacKey.builder()
                .setParameters(HmacParameters.builder().setKeySizeBytes(32).setTagSizeBytes(32)
                        .setHashType(HmacParameters.HashType.SHA256).setVariant(HmacParameters.Variant.TINK).build())
                .setKeyBytes(zeroBytes(32)).setIdRequirement(1).build());
        return new MaskingKeyset(mode, siv, hmac, null);
    }

    /**
     * The mistake of one domain: the tool's AES-SIV key, but the same associated data for every
     * field, so the same string masks the same as {@code ip} and as {@code device_id}.
     */
    private static MaskFunction oneDomainFor(MaskingKeyset keyset) throws GeneralSecurityException {
        DeterministicAead aead = keyset.siv().getPrimitive(RegistryConfiguration.get(), DeterministicAead.class);
        byte[] sharedDomain = "sqs-pii-etl/mask/v1".getBytes(StandardCharsets.UTF_8);
        return (field, value) -> {
            try {
                return BASE64URL.encodeToString(aead.encryptDeterministically(value.getBytes(StandardCharsets.UTF_8), sharedDomain));
            } catch (GeneralSecurityException e) {
                throw new AssertionError(e);
            }
        };
    }

    private static KeysetHandle keysetOf(Key key) throws GeneralSecurityException {
        return KeysetHandle.newBuilder().addEntry(KeysetHandle.importKey(key).makePrimary()).build();
    }

    private static SecretBytes zeroBytes(int length) {
        return SecretBytes.copyFrom(new byte[length], InsecureSecretKeyAccess.get());
    }

    private static MaskDomain otherField(MaskDomain field) {
        return field == LoginDomains.IP ? LoginDomains.DEVICE_ID : LoginDomains.IP;
    }

    /** Candidate {@code n} of the device-id slice: {@code 593-4d-dddd}. */
    private static String deviceId(int n) {
        return "593-4" + n / 10_000 + "-" + String.valueOf(10_000 + n % 10_000).substring(1);
    }

    /** Candidate {@code n} of {@code 199.172.0.0/16}. */
    private static String ip(int n) {
        return "199.172." + (n >> 8) + "." + (n & 0xff);
    }

    private static Set<String> sample(Supplier<String> generator) {
        Set<String> values = new HashSet<>();
        while (values.size() < SAMPLE) {
            values.add(generator.get());
        }
        return values;
    }
}
