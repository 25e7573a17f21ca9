package io.sqspiietl.masking;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The proof that masking is not hashing: the plain enumeration that reverses unkeyed SHA-256 of a
 * sample of real-shaped values recovers all of them, and recovers none of the same values masked
 * by the tool, in either mode, without the key.
 *
 * <p>The attacker enumerates a slice of 10^6 device ids ({@code 593-dd-dddd}, 1/1000 of the whole
 * space) and an IPv4 /16 ({@code 199.172.0.0/16}, 65,536 addresses) that hold the sample, so the test
 * runs in seconds; the whole spaces only take proportionally longer.
 */
class EnumerationAttackTest {
    private static final int SAMPLE = 200;
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    private final Random random = new Random(20240521);
    private final Set<String> deviceIds = sample(() -> String.format("593-%02d-%04d", random.nextInt(100), random.nextInt(10_000)));
    private final Set<String> ips = sample(() -> "199.172." + random.nextInt(256) + "." + random.nextInt(256));

    @Test
    void enumerationRecoversUnkeyedSha256ButNothingMaskedByTheTool() {
        long started = System.nanoTime();
        Set<String> fromSha256 = attack(hashes(deviceIds, ips));
        double seconds = (System.nanoTime() - started) / 1e9;
        long candidates = 1_000_000L + 65_536L;

        Set<String> fromDeterministic = attack(masks(MaskingKeyset.generate(MaskingMode.DETERMINISTIC, null)));
        Set<String> fromHmac = attack(masks(MaskingKeyset.generate(MaskingMode.HMAC, null)));

        System.out.printf("enumeration: %d candidates in %.2f s (%.0f candidates/s); recovered %d of %d from SHA-256, "
                        + "%d from deterministic masks, %d from hmac masks%n", candidates, seconds, candidates / seconds,
                fromSha256.size(), 2 * SAMPLE, fromDeterministic.size(), fromHmac.size());
        assertThat(fromSha256).hasSize(2 * SAMPLE).containsAll(deviceIds).containsAll(ips);
        assertThat(fromDeterministic).isEmpty();
        assertThat(fromHmac).isEmpty();
    }

    @Test
    void guessingTheKeyRecoversNothingEither() {
        // An attacker who runs the tool itself with a key of his own gets masks of his own.
        MaskingKeyset ours = MaskingKeyset.generate();
        FieldMasker attackers = MaskingKeyset.generate().fieldMasker();
        Set<String> targets = new HashSet<>();
        ips.forEach(ip -> targets.add(ours.fieldMasker().mask(MaskedField.IP, ip)));
        long recovered = IntStream.range(0, 65_536)
                .mapToObj(i -> "199.172." + (i >> 8) + "." + (i & 0xff))
                .filter(ip -> targets.contains(attackers.mask(MaskedField.IP, ip)))
                .count();
        assertThat(recovered).isZero();
    }

    /** Hashes each candidate with SHA-256 and looks it up among the targets, in the encodings a loader would use. */
    private Set<String> attack(Set<String> targets) {
        Set<String> recovered = new HashSet<>();
        MessageDigest sha256 = sha256();
        byte[] deviceId = "593-00-0000".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 1_000_000; i++) {
            // Digits written in place: formatting a string per candidate would dominate the run time.
            for (int n = i, pos = deviceId.length - 1; pos > 3; pos--) {
                if (deviceId[pos] != '-') {
                    deviceId[pos] = (byte) ('0' + n % 10);
                    n /= 10;
                }
            }
            tryCandidate(sha256, deviceId, targets, recovered);
        }
        for (int i = 0; i < 65_536; i++) {
            tryCandidate(sha256, ("199.172." + (i >> 8) + "." + (i & 0xff)).getBytes(StandardCharsets.US_ASCII), targets, recovered);
        }
        return recovered;
    }

    private static void tryCandidate(MessageDigest sha256, byte[] candidate, Set<String> targets, Set<String> recovered) {
        byte[] digest = sha256.digest(candidate);
        if (targets.contains(HexFormat.of().formatHex(digest)) || targets.contains(BASE64URL.encodeToString(digest))) {
            recovered.add(new String(candidate, StandardCharsets.US_ASCII));
        }
    }

    private Set<String> hashes(Set<String> deviceIds, Set<String> ips) {
        Set<String> hashes = new HashSet<>();
        MessageDigest sha256 = sha256();
        deviceIds.forEach(id -> hashes.add(HexFormat.of().formatHex(sha256.digest(id.getBytes(StandardCharsets.UTF_8)))));
        ips.forEach(ip -> hashes.add(HexFormat.of().formatHex(sha256.digest(ip.getBytes(StandardCharsets.UTF_8)))));
        return hashes;
    }

    private Set<String> masks(MaskingKeyset keyset) {
        Set<String> masks = new HashSet<>();
        deviceIds.forEach(id -> masks.add(keyset.fieldMasker().mask(MaskedField.DEVICE_ID, id)));
        ips.forEach(ip -> masks.add(keyset.fieldMasker().mask(MaskedField.IP, ip)));
        return masks;
    }

    private static Set<String> sample(java.util.function.Supplier<String> generator) {
        Set<String> values = new HashSet<>();
        while (values.size() < SAMPLE) {
            values.add(generator.get());
        }
        return values;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
