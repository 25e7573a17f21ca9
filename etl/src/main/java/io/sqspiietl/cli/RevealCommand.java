package io.sqspiietl.cli;

import io.sqspiietl.keys.KeyMismatchException;
import io.sqspiietl.keys.RevealRequest;
import io.sqspiietl.keys.Revealer;
import io.sqspiietl.keys.UnknownColumnException;
import io.sqspiietl.keys.UnknownMaskException;
import io.sqspiietl.masking.KeysetException;
import io.sqspiietl.masking.MaskingKeyset;
import io.sqspiietl.sink.DatabaseSettings;
import io.sqspiietl.sink.PostgresMaskedColumns;
import io.sqspiietl.sink.PostgresMaskingCatalog;
import io.sqspiietl.sink.SinkException;
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
 * reveal is recorded (who, when, why, which field, what was selected and how many, from where; never a
 * value) before anything is printed, and so is every attempt refused for its keyset or its values;
 * revealed values go to standard output only.
 */
@Command(name = "reveal", mixinStandardHelpOptions = true,
        description = {"Print the original of each masked value, one per line, in order (from the database: "
                + "the row's subject, e.g. user_id, a tab, the original). Values come from the arguments, from "
                + "standard input (--stdin) or from the database (--where).",
                "The column is any masked column the tool has loaded, picked by --table, --column and --field "
                + "(its masking domain), as many as make it unique. Each reveal is recorded in "
                + "sqs_pii_etl_reveal_audit first, and so is each attempt refused for its keyset, its column or its "
                + "values. Impossible in hmac mode and for hmac columns."})
final class RevealCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    KeysetOption keyset;
    @Mixin
    DatabaseOptions database;

    @Option(names = "--table", paramLabel = "TABLE", description = "The table of the masked column, e.g. user_logins.")
    String table;

    @Option(names = "--column", paramLabel = "COLUMN", description = "The masked column, e.g. masked_device_id.")
    String column;

    @Option(names = "--field", paramLabel = "FIELD",
            description = "The field whose masks the column holds, e.g. ip or device_id (the login's masked_ip and "
                    + "masked_device_id).")
    String field;

    @Option(names = "--reason", paramLabel = "TEXT", required = true,
            description = "Why the values are revealed (a ticket, a request); kept in the audit table.")
    String reason;

    @Option(names = "--operator", paramLabel = "NAME", defaultValue = "${env:SQS_PII_ETL_OPERATOR}",
            description = "Who reveals, for the audit table (default: the OS user). Env: SQS_PII_ETL_OPERATOR.")
    String operator;

    @Option(names = "--stdin", description = "Read masked values from standard input, one per line.")
    boolean stdin;

    @Option(names = "--where", paramLabel = "SUBJECT_PATTERN",
            description = "Reveal the stored values of the rows whose subject (the login's user_id) matches this LIKE "
                    + "pattern (%% and _ are wildcards).")
    String where;

    @Parameters(paramLabel = "VALUE", arity = "0..*", description = "Masked values.")
    List<String> values = new ArrayList<>();

    @Override
    public Integer call() throws SinkException {
        if (table == null && column == null && field == null) {
            throw new ConfigException("name the masked column: --table, --column or --field (as many as make it unique)");
        }
        if (reason.isBlank()) {
            throw new ConfigException("--reason must say why the values are revealed");
        }
        RevealRequest request = new RevealRequest(new RevealRequest.ColumnSelector(table, column, field), operator(),
                reason, source());
        DatabaseSettings settings = database.settings();
        Revealer revealer = new Revealer(new PostgresMaskingCatalog(settings), new PostgresMaskedColumns(settings),
                keyset.read());
        try {
            revealer.reveal(request, spec.commandLine().getOut()::println);
            return ExitCodes.OK;
        } catch (KeysetException | KeyMismatchException e) {
            throw KeyChecks.wrongKeyset(e);
        } catch (UnknownColumnException e) {
            throw new ConfigException(e.getMessage());
        } catch (UnknownMaskException e) {
            spec.commandLine().getErr().println("sqs-pii-etl: " + e.getMessage());
            return ExitCodes.RUNTIME_FAILURE;
        }
    }

    private RevealRequest.Source source() {
        int sources = (values.isEmpty() ? 0 : 1) + (stdin ? 1 : 0) + (where == null ? 0 : 1);
        if (sources != 1) {
            throw new ConfigException("give exactly one source of values: VALUE arguments, --stdin or --where");
        }
        if (where != null) {
            return new RevealRequest.Database(where);
        }
        return stdin ? new RevealRequest.StandardInput(System.in) : new RevealRequest.Arguments(values);
    }

    private String operator() {
        return operator != null && !operator.isBlank() ? operator : System.getProperty("user.name", "unknown");
    }
}
