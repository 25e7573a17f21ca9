package io.sqspiietl.cli;

import io.sqspiietl.contract.Contracts;
import io.sqspiietl.masking.MaskingKeyset;
import io.sqspiietl.pipeline.MessageProcessor;
import io.sqspiietl.pipeline.PipelineException;
import io.sqspiietl.pipeline.PipelineListener;
import io.sqspiietl.pipeline.QuarantineReplayer;
import io.sqspiietl.sink.DatabaseSettings;
import io.sqspiietl.sink.QuarantineReplay;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code replay}: re-run quarantined messages through the current transform and contracts. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Re-run quarantined messages through the current transform and contracts: those that now pass "
                + "are loaded exactly once and leave the quarantine; the rest stay, with their causes updated.")
final class ReplayCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    DatabaseOptions database;
    @Mixin
    KeysetOption keyset;
    @Mixin
    SnsEnvelopeOption snsEnvelope;
    @Mixin
    ContractOptions contracts;
    @Mixin
    CreateTablesOption createTables;

    @Override
    public Integer call() throws PipelineException {
        DatabaseSettings settings = database.settings();
        Contracts replayContracts = contracts.contracts();
        MaskingKeyset maskingKeyset = keyset.read();
        MessageProcessor processor = KeyChecks.processor(replayContracts, snsEnvelope.mode, maskingKeyset, Clock.systemUTC(),
                PipelineListener.NONE);
        // Replay masks: under the database's key only, which every batch confirms again.
        KeyChecks.requireLoadable(settings, maskingKeyset, replayContracts, createTables.createTables);
        QuarantineReplay.Result result = new QuarantineReplayer(settings, processor).replay();
        spec.commandLine().getOut().printf(
                "loaded %d, duplicates removed %d, still quarantined %d, unreadable with this keyset %d%n",
                result.loaded(), result.duplicates(), result.stillQuarantined(), result.unreadable());
        return ExitCodes.OK;
    }
}
