package io.sqspiietl.transform;

import java.util.OptionalInt;

/**
 * Encodes an app version string {@code MAJOR[.MINOR[.PATCH]]} as the integer stored in the
 * {@code app_version} column: {@code MAJOR * 1_000_000 + MINOR * 1_000 + PATCH}.
 *
 * <p>The encoding keeps version order ({@code 0.9.6 < 0.96 < 3.7}) and decodes back, which neither
 * stripping the dots nor keeping the major number does. Decoding is the database's: the schema's
 * SQL function {@code app_version_text(integer)} gives {@code '2.3.0'} back for 2003000, so
 * analysts decode where they query. Each part is plain decimal digits: MAJOR
 * 0..2146 (1 to 4 digits, so the result fits an {@code int}), MINOR and PATCH 0..999 (1 to 3 digits).
 * A missing MINOR or PATCH is 0, so {@code "2"}, {@code "2.0"} and {@code "2.00"} are equal. No sign,
 * whitespace or prefix is accepted.
 *
 * <p>Stateless and thread-safe.
 */
final class AppVersionCodec {

    private static final int[] MAX_DIGITS = {4, 3, 3};
    private static final int[] MAX_VALUE = {2146, 999, 999};
    private static final int[] WEIGHT = {1_000_000, 1_000, 1};

    private AppVersionCodec() {
    }

    /**
     * Encodes a version string.
     *
     * @param version the text to encode; must not be null
     * @return the encoded version, or empty when {@code version} is not a valid version
     */
    static OptionalInt encode(String version) {
        // A hand-written scan: it allocates nothing and cannot backtrack, unlike a regex.
        int encoded = 0;
        int part = 0;
        int partValue = 0;
        int partDigits = 0;
        for (int i = 0; i < version.length(); i++) {
            char c = version.charAt(i);
            if (c >= '0' && c <= '9') {
                if (++partDigits > MAX_DIGITS[part]) {
                    return OptionalInt.empty();
                }
                partValue = partValue * 10 + (c - '0');
            } else if (c == '.' && partDigits > 0 && part < 2) {
                if (partValue > MAX_VALUE[part]) {
                    return OptionalInt.empty();
                }
                encoded += partValue * WEIGHT[part];
                part++;
                partValue = 0;
                partDigits = 0;
            } else {
                return OptionalInt.empty();
            }
        }
        if (partDigits == 0 || partValue > MAX_VALUE[part]) {
            return OptionalInt.empty();
        }
        return OptionalInt.of(encoded + partValue * WEIGHT[part]);
    }
}
