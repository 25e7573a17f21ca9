package io.sqspiietl.cli;

import io.sqspiietl.sink.LoadStats;
import io.sqspiietl.sink.LoadStatsQuery;
import io.sqspiietl.sink.SinkException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code stats}: what landed in the database, for analysts. Read-only. */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "Report what the database holds for each contract: rows, the repeated values of its masked "
                + "columns (and of the columns its stats section lists), rows per value of the columns it lists "
                + "(the login: date, device type and app version), and the quarantine by reason.")
final class StatsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    DatabaseOptions database;
    @Mixin
    ContractOptions contracts;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "${env:SQS_PII_ETL_STATS_FORMAT:-table}",
            description = "table (for people), json or csv (for tools) (default: ${DEFAULT-VALUE}). Env: SQS_PII_ETL_STATS_FORMAT.")
    StatsPrinter.Format format;

    @Option(names = "--top", paramLabel = "N", defaultValue = "${env:SQS_PII_ETL_STATS_TOP:-10}",
            description = "How many repeated values to list per column (default: ${DEFAULT-VALUE}). "
                    + "Env: SQS_PII_ETL_STATS_TOP.")
    int top;

    @Override
    public Integer call() throws SinkException {
        if (top < 1 || top > 10_000) {
            throw new ConfigException("--top must be between 1 and 10000, was " + top);
        }
        LoadStats stats = new LoadStatsQuery(database.settings()).read(contracts.contracts(), top);
        format.print(stats, spec.commandLine().getOut());
        return ExitCodes.OK;
    }
}
