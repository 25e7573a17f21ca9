package io.sqspiietl.cli;

import io.sqspiietl.masking.FieldMasker;
import io.sqspiietl.masking.MaskedField;
import io.sqspiietl.masking.MaskingKeyset;
import io.sqspiietl.masking.MaskingMode;
import io.sqspiietl.masking.UnmaskingException;
import io.sqspiietl.pipeline.KeyBinding;
import io.sqspiietl.pipeline.PipelineException;
import io.sqspiietl.sink.MaskedColumns;
import io.sqspiietl.sink.MaskedColumns.UserValue;
import io.sqspiietl.sink.MaskingCatalog;
import io.sqspiietl.sink.RevealAuditEntry;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code reveal}: recover original values from masked ones, for key holders, under audit. Every
 * reveal is recorded (who, when, why, which field, how many, from where; never a value) before
 * anything is printed, and revealed values go to standard output only.
 */
@Command(name = "reveal", mixinStandardHelpOptions = true,
        description = {"Print the original of each masked value, one per line, in order (from the database: "
                + "user_id, a tab, the original). Values come from the arguments, from standard input (--stdin) "
                + "or from the database (--where).", "Each reveal is recorded in sqs_pii_etl_reveal_audit first. "
                + "Impossible in hmac mode."})
final class RevealCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    KeysetOption keyset;
    @Mixin
    DatabaseOptions database;

    @Option(names = "--field", paramLabel = "ip|device_id", required = true,
            description = "The column the values come from: ip (masked_ip) or device_id (masked_device_id).")
    String field;

    @Option(names = "--reason", paramLabel = "TEXT", required = true,
            description = "Why the values are revealed (a ticket, a request); kept in the audit table.")
    String reason;

    @Option(names = "--operator", paramLabel = "NAME", defaultValue = "${env:SQS_PII_ETL_OPERATOR}",
            description = "Who reveals, for the audit table (default: the OS user). Env: SQS_PII_ETL_OPERATOR.")
    String operator;

    @Option(names = "--stdin", description = "Read masked values from standard input, one per line.")
    boolean stdin;

    @Option(names = "--where", paramLabel = "USER_ID_PATTERN",
            description = "Reveal the stored values of the users whose user_id matches this LIKE pattern (% and _ are wildcards).")
    String where;

    @Parameters(paramLabel = "VALUE", arity = "0..*", description = "Masked values.")
    List<String> values = new ArrayList<>();

    @Override
    public Integer call() throws PipelineException {
        MaskedField maskedField = maskedField();
        if (reason.isBlank()) {
            throw new ConfigException("--reason must say why the values are revealed");
        }
        String source = source();
        MaskingKeyset maskingKeyset = keyset.read();
        if (maskingKeyset.mode() == MaskingMode.HMAC) {
            throw new ConfigException("--keyset: reveal is impossible in hmac mode: its masks are irreversible by design");
        }
        return KeyChecks.onDatabase(database.settings(), connection -> {
            KeyBinding.requireKnown(connection, maskingKeyset);
            List<UserValue> masked = switch (source) {
                case "database" -> MaskedColumns.byUser(connection, "masked_" + maskedField.fieldName(), where);
                case "stdin" -> readStdin().stream().map(value -> new UserValue(null, value)).toList();
                default -> values.stream().map(value -> new UserValue(null, value)).toList();
            };
            List<String> lines = reveal(maskingKeyset.fieldMasker(), maskedField, masked);
            if (lines == null) {
                return ExitCodes.RUNTIME_FAILURE;
            }
            MaskingCatalog.audit(connection, new RevealAuditEntry(operator(), reason, maskedField.fieldName(), lines.size(), source));
            lines.forEach(spec.commandLine().getOut()::println);
            return ExitCodes.OK;
        });
    }

    /** Reveals everything before printing anything, so output lines always match input values. */
    private List<String> reveal(FieldMasker masker, MaskedField maskedField, List<UserValue> masked) {
        List<String> lines = new ArrayList<>(masked.size());
        for (int i = 0; i < masked.size(); i++) {
            UserValue value = masked.get(i);
            try {
                String original = masker.reveal(maskedField, value.masked());
                lines.add(value.userId() == null ? original : value.userId() + "\t" + original);
            } catch (UnmaskingException e) {
                spec.commandLine().getErr().printf("sqs-pii-etl: value %d of %d: %s%n", i + 1, masked.size(), e.getMessage());
                return null;
            }
        }
        return lines;
    }

    private String source() {
        int sources = (values.isEmpty() ? 0 : 1) + (stdin ? 1 : 0) + (where == null ? 0 : 1);
        if (sources != 1) {
            throw new ConfigException("give exactly one source of values: VALUE arguments, --stdin or --where");
        }
        return where != null ? "database" : stdin ? "stdin" : "arguments";
    }

    private String operator() {
        return operator != null && !operator.isBlank() ? operator : System.getProperty("user.name", "unknown");
    }

    private static List<String> readStdin() {
        BufferedReader reader = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        return reader.lines().map(String::strip).filter(line -> !line.isEmpty()).toList();
    }

    private MaskedField maskedField() {
        try {
            return MaskedField.fromName(field);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("--field: " + e.getMessage());
        }
    }
}
