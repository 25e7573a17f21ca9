package io.sqspiietl.cli;

import io.sqspiietl.keys.KeyMismatchException;
import io.sqspiietl.keys.RekeySummary;
import io.sqspiietl.keys.Rekeyer;
import io.sqspiietl.keys.UnknownMaskException;
import io.sqspiietl.pipeline.PipelineException;
import io.sqspiietl.sink.DatabaseSettings;
import io.sqspiietl.sink.MaskedColumns.RewriteSummary;
import io.sqspiietl.sink.PostgresMaskedColumns;
import io.sqspiietl.sink.PostgresMaskingCatalog;
import io.sqspiietl.sink.PostgresSealedBodies;
import io.sqspiietl.sink.SinkException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rekey}: re-mask the stored values and re-seal the quarantined bodies under the keyset's primary
 * key after {@code keys rotate}.
 */
@Command(name = "rekey", mixinStandardHelpOptions = true,
        description = {"Re-mask every mask column the tool has loaded (the masking catalog: the login's masked_ip and "
                + "masked_device_id, and those of every other contract) under the keyset's primary key, after "
                + "'keys rotate', so equal values stay equal, and re-seal the quarantined bodies under it. Loaders may "
                + "keep running: a service takes up the rotated keyset from its keyset file, a drain stops and is run "
                + "again with it.",
                "Works in bounded batches, one transaction each; if interrupted, run it again to finish. "
                        + "In hmac mode only the bodies are re-sealed: HMAC masks cannot be re-masked."})
final class RekeyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    KeysetOption keyset;
    @Mixin
    DatabaseOptions database;

    @Option(names = "--batch-pages", paramLabel = "N", defaultValue = "${env:SQS_PII_ETL_REKEY_BATCH_PAGES:-64}",
            description = "Table pages (8 KiB, about 50 rows each) per transaction (default: ${DEFAULT-VALUE}). "
                    + "Env: SQS_PII_ETL_REKEY_BATCH_PAGES.")
    int batchPages;

    @Override
    public Integer call() throws PipelineException, SinkException {
        if (batchPages < 1) {
            throw new ConfigException("--batch-pages must be at least 1, was " + batchPages);
        }
        DatabaseSettings settings = database.settings();
        Rekeyer rekeyer = new Rekeyer(new PostgresMaskingCatalog(settings), new PostgresMaskedColumns(settings),
                new PostgresSealedBodies(settings), keyset.read(), batchPages);
        try {
            RekeySummary summary = rekeyer.run();
            RewriteSummary columns = summary.columns();
            spec.commandLine().getOut().printf("rekey done: %d rows read (rewritten rows may be read twice), %d rows rewritten, "
                            + "%d values re-masked; quarantined bodies re-sealed: %d%n",
                    columns.rowsScanned(), columns.rowsRewritten(), columns.valuesRewritten(), summary.bodiesResealed());
            return ExitCodes.OK;
        } catch (KeyMismatchException e) {
            throw KeyChecks.wrongKeyset(e);
        } catch (UnknownMaskException e) {
            throw new PipelineException(e.getMessage(), e);
        }
    }
}
