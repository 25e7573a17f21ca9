package io.sqspiietl.cli;

import io.sqspiietl.masking.FieldMasker;
import io.sqspiietl.masking.MaskedField;
import io.sqspiietl.masking.UnmaskingException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code reveal}: recover original values from masked ones, for key holders. */
@Command(name = "reveal", mixinStandardHelpOptions = true,
        description = "Print the original of each masked value, one per line, in order.")
final class RevealCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    KeysetOption keyset;

    @Option(names = "--field", paramLabel = "ip|device_id", required = true,
            description = "The column the values come from: ip (masked_ip) or device_id (masked_device_id).")
    String field;

    @Parameters(paramLabel = "VALUE", arity = "1..*", description = "Masked values.")
    List<String> values;

    @Override
    public Integer call() {
        MaskedField maskedField = maskedField();
        FieldMasker masker = keyset.read().fieldMasker();
        // Reveal everything before printing anything, so output lines always match input values.
        List<String> originals = new ArrayList<>(values.size());
        for (int i = 0; i < values.size(); i++) {
            try {
                originals.add(masker.reveal(maskedField, values.get(i)));
            } catch (UnmaskingException e) {
                spec.commandLine().getErr().printf("sqs-pii-etl: value %d of %d: %s%n", i + 1, values.size(), e.getMessage());
                return ExitCodes.RUNTIME_FAILURE;
            }
        }
        originals.forEach(spec.commandLine().getOut()::println);
        return ExitCodes.OK;
    }

    private MaskedField maskedField() {
        try {
            return MaskedField.fromName(field);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("--field: " + e.getMessage());
        }
    }
}
