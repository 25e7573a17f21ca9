package io.sqspiietl.cli;

import io.sqspiietl.masking.KeysetException;
import io.sqspiietl.masking.MaskingKeyset;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The operator's keyset file. There is no default: the tool refuses to mask without a real key. */
final class KeysetOption {
    @Option(names = "--keyset", paramLabel = "FILE", defaultValue = "${env:SQS_PII_ETL_KEYSET}",
            description = "Keyset file written by 'keys create'. Env: SQS_PII_ETL_KEYSET.")
    Path keyset;

    MaskingKeyset read() {
        if (keyset == null) {
            throw new ConfigException("--keyset is required (create one with 'sqs-pii-etl keys create --out FILE')");
        }
        try {
            return MaskingKeyset.read(keyset);
        } catch (KeysetException e) {
            throw new ConfigException("--keyset: " + e.getMessage());
        }
    }
}
