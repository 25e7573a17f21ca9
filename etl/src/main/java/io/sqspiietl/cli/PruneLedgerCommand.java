package io.sqspiietl.cli;

import io.sqspiietl.sink.LedgerPruner;
import io.sqspiietl.sink.SinkException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code prune-ledger}: delete exactly-once ledger entries too old to guard against a redelivery. */
@Command(name = "prune-ledger", mixinStandardHelpOptions = true,
        description = "Delete ledger entries of loaded messages processed more than --older-than-days ago. "
                + "SQS keeps a message at most 14 days, so older entries guard against no redelivery. "
                + "Safe beside running loaders; run it from cron or a scheduled job.")
final class PruneLedgerCommand implements Callable<Integer> {
    /** SQS's longest retention (14 days) plus a day for clock skew between the queue and the database. */
    static final int MIN_DAYS = 15;

    @Spec
    CommandSpec spec;
    @Mixin
    DatabaseOptions database;

    @Option(names = "--older-than-days", paramLabel = "DAYS",
            defaultValue = "${env:SQS_PII_ETL_PRUNE_OLDER_THAN_DAYS:-" + MIN_DAYS + "}",
            description = "Age in days past which a loaded message's entry is deleted; at least " + MIN_DAYS
                    + " (default: ${DEFAULT-VALUE}). Env: SQS_PII_ETL_PRUNE_OLDER_THAN_DAYS.")
    int olderThanDays;

    @Override
    public Integer call() throws SinkException {
        if (olderThanDays < MIN_DAYS) {
            throw new ConfigException("--older-than-days must be at least " + MIN_DAYS
                    + " (SQS may redeliver a message for up to 14 days), was " + olderThanDays);
        }
        Instant cutoff = Instant.now().minus(Duration.ofDays(olderThanDays));
        long pruned = new LedgerPruner(database.settings()).prune(cutoff);
        spec.commandLine().getOut().printf("pruned %d ledger entries of messages loaded before %s%n", pruned, cutoff);
        return ExitCodes.OK;
    }
}
