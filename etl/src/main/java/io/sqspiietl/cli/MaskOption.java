package io.sqspiietl.cli;

import io.sqspiietl.masking.KeysetException;
import io.sqspiietl.masking.MaskingKeyset;
import io.sqspiietl.masking.MaskingMode;
import picocli.CommandLine.Option;

/**
 * {@code --mask deterministic|hmac}. The keyset decides the mode (it holds the keys for one); the
 * option states what the operator expects, so a keyset of the other kind is refused, not used.
 */
final class MaskOption {
    @Option(names = "--mask", paramLabel = "deterministic|hmac", defaultValue = "${env:SQS_PII_ETL_MASK}",
            description = "Masking mode: deterministic (AES-SIV, key holders can reveal) or hmac (HMAC-SHA256, "
                    + "nobody can reveal). Default: the keyset's mode. Env: SQS_PII_ETL_MASK.")
    String mask;

    /** The requested mode, or {@code fallback} when none was given. */
    MaskingMode mode(MaskingMode fallback) {
        if (mask == null) {
            return fallback;
        }
        try {
            return MaskingMode.fromLabel(mask);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("--mask: " + e.getMessage());
        }
    }

    /** Refuses a keyset whose mode is not the requested one. */
    void requireModeOf(MaskingKeyset keyset) {
        try {
            keyset.requireMode(mode(keyset.mode()));
        } catch (KeysetException e) {
            throw new ConfigException("--mask: " + e.getMessage());
        }
    }
}
