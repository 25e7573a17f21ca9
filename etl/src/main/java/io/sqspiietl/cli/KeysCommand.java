package io.sqspiietl.cli;

import io.sqspiietl.masking.KeysetException;
import io.sqspiietl.masking.MaskingKeyset;
import io.sqspiietl.masking.MaskingMode;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code keys}: manage the masking keyset. */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "Manage the masking keyset.",
        subcommands = {KeysCommand.Create.class, KeysCommand.Rotate.class})
final class KeysCommand {

    /** {@code keys create}: write a new keyset file. */
    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Write a new keyset to a new file readable only by its owner (mode 600).")
    static final class Create implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        MaskOption mask;

        @Option(names = "--out", paramLabel = "FILE", required = true, defaultValue = "${env:SQS_PII_ETL_KEYSET_OUT}",
                description = "File to create; an existing file is never overwritten. Env: SQS_PII_ETL_KEYSET_OUT.")
        Path out;

        @Option(names = "--kms-key-uri", paramLabel = "URI", defaultValue = "${env:SQS_PII_ETL_KMS_KEY_URI}",
                description = "Wrap the keyset with this KMS key (aws-kms://arn:aws:kms:...); reading it then "
                        + "needs kms:Decrypt on that key. Env: SQS_PII_ETL_KMS_KEY_URI.")
        String kmsKeyUri;

        @Override
        public Integer call() {
            MaskingMode mode = mask.mode(MaskingMode.DETERMINISTIC);
            try {
                MaskingKeyset.generate(mode, kmsKeyUri).writeNew(out);
            } catch (KeysetException e) {
                throw new ConfigException((kmsKeyUri == null ? "--out: " : "--kms-key-uri: ") + e.getMessage());
            }
            spec.commandLine().getOut().println("wrote new " + mode.label() + " keyset to " + out
                    + (kmsKeyUri == null ? " (mode 600); keep it secret and backed up:" : " (wrapped by " + kmsKeyUri + "); keep it backed up:")
                    + (mode == MaskingMode.HMAC
                    ? " without it no new value can be matched against the loaded ones"
                    : " without it masked values cannot be revealed, and with it they can"));
            return ExitCodes.OK;
        }
    }

    /** {@code keys rotate}: add a new primary key, keeping the old ones. */
    @Command(name = "rotate", mixinStandardHelpOptions = true,
            description = {"Add a new primary AES-SIV key to the keyset file, keeping the old keys so that "
                    + "existing values still reveal and quarantined bodies still open.",
                    "Then run 'rekey' to re-mask the stored values under the new key; running services take it up "
                            + "from their keyset file. In hmac mode only the sealing key rotates: HMAC masks cannot be "
                            + "re-masked."})
    static final class Rotate implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        KeysetOption keyset;

        @Override
        public Integer call() {
            MaskingKeyset rotated = keyset.read().rotated();
            try {
                rotated.replace(keyset.keyset);
            } catch (KeysetException e) {
                throw new ConfigException("--keyset: " + e.getMessage());
            }
            spec.commandLine().getOut().println("added primary key " + rotated.primaryKeyId() + " to " + keyset.keyset
                    + (rotated.mode() == MaskingMode.DETERMINISTIC
                    ? "; now run 'rekey' so stored values are masked under it" : " (sealing only; hmac masks keep their key)"));
            return ExitCodes.OK;
        }
    }
}
