package io.sqspiietl.cli;

import io.sqspiietl.masking.MaskingKeyset;
import io.sqspiietl.pipeline.PipelineException;
import io.sqspiietl.pipeline.QuarantineReplayer;
import io.sqspiietl.sink.DatabaseSettings;
import io.sqspiietl.sink.QuarantineReplay;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code replay}: re-run quarantined messages through the current transform. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = "Re-run quarantined messages through the current transform: those that now pass are loaded "
                + "exactly once and leave the quarantine; the rest stay, with their causes updated.")
final class ReplayCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    DatabaseOptions database;
    @Mixin
    KeysetOption keyset;
    @Mixin
    SnsEnvelopeOption snsEnvelope;

    @Override
    public Integer call() throws PipelineException {
        DatabaseSettings settings = database.settings();
        MaskingKeyset maskingKeyset = keyset.read();
        KeyChecks.requireCurrent(settings, maskingKeyset); // replay masks: under the database's key only
        QuarantineReplay.Result result = new QuarantineReplayer(settings, maskingKeyset, snsEnvelope.mode).replay();
        spec.commandLine().getOut().printf(
                "loaded %d, duplicates removed %d, still quarantined %d, unreadable with this keyset %d%n",
                result.loaded(), result.duplicates(), result.stillQuarantined(), result.unreadable());
        return ExitCodes.OK;
    }
}
