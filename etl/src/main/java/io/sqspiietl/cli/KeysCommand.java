package io.sqspiietl.cli;

import io.sqspiietl.masking.KeysetException;
import io.sqspiietl.masking.MaskingKeyset;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code keys}: manage the masking keyset. */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "Manage the masking keyset.",
        subcommands = KeysCommand.Create.class)
final class KeysCommand {

    /** {@code keys create}: write a new keyset file. */
    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Write a new AES-SIV keyset to a new file readable only by its owner (mode 600).")
    static final class Create implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--out", paramLabel = "FILE", required = true,
                description = "File to create; an existing file is never overwritten.")
        Path out;

        @Override
        public Integer call() {
            try {
                MaskingKeyset.generate().writeNew(out);
            } catch (KeysetException e) {
                throw new ConfigException("--out: " + e.getMessage());
            }
            spec.commandLine().getOut().println("wrote new keyset to " + out + " (mode 600); keep it secret and backed up:"
                    + " without it masked values cannot be revealed, and with it they can");
            return ExitCodes.OK;
        }
    }
}
