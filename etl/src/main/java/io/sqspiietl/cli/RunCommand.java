package io.sqspiietl.cli;

import io.sqspiietl.masking.MaskingKeyset;
import io.sqspiietl.ops.Operations;
import io.sqspiietl.ops.Progress;
import io.sqspiietl.pipeline.Loader;
import io.sqspiietl.pipeline.PipelineException;
import io.sqspiietl.pipeline.PipelineListener;
import io.sqspiietl.pipeline.PipelineSettings;
import io.sqspiietl.pipeline.RunSummary;
import io.sqspiietl.sink.DatabaseSettings;
import io.sqspiietl.source.SqsSettings;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code run}: consume the queue and load PostgreSQL. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Consume the queue, mask the login events and load them into PostgreSQL.")
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    SqsOptions sqs;
    @Mixin
    DatabaseOptions database;
    @Mixin
    KeysetOption keyset;
    @Mixin
    MaskOption mask;
    @Mixin
    SnsEnvelopeOption snsEnvelope;
    @Mixin
    OperationsOptions operationsOptions;
    @Mixin
    PipelineOptions pipelineOptions;

    @Option(names = "--until-empty", defaultValue = "${env:SQS_PII_ETL_UNTIL_EMPTY:-false}",
            description = "Drain the queue and exit 0 once it is empty, instead of running as a service. "
                    + "Env: SQS_PII_ETL_UNTIL_EMPTY.")
    boolean untilEmpty;

    @Option(names = "--shutdown-timeout-s", paramLabel = "S", defaultValue = "${env:SQS_PII_ETL_SHUTDOWN_TIMEOUT_S:-30}",
            description = "On SIGTERM/SIGINT, how long to finish in-flight work before exiting anyway, with exit code 3, "
                    + "in seconds (default: ${DEFAULT-VALUE}). Env: SQS_PII_ETL_SHUTDOWN_TIMEOUT_S.")
    long shutdownTimeoutSeconds;

    @Override
    public Integer call() throws PipelineException {
        operationsOptions.apply();
        PipelineSettings pipelineSettings = pipelineOptions.settings(untilEmpty);
        SqsSettings sqsSettings = sqs.settings(pipelineSettings.sqsConnections());
        DatabaseSettings databaseSettings = database.settings();
        if (shutdownTimeoutSeconds < 1) {
            throw new ConfigException("--shutdown-timeout-s must be at least 1");
        }
        Clock clock = Clock.systemUTC();
        try (Operations operations = operationsOptions.start(databaseSettings, clock);
             Loader loader = Loader.open(sqsSettings, databaseSettings, keysets(databaseSettings),
                     snsEnvelope.mode, pipelineSettings, clock,
                     operations == null ? PipelineListener.NONE : operations.listener())) {
            GracefulShutdown shutdown = GracefulShutdown.install(loader::stop, loader::messagesInFlight,
                    Duration.ofSeconds(shutdownTimeoutSeconds));
            try {
                RunSummary summary = run(loader, clock);
                SummaryPrinter.print(summary, operationsOptions.logFormat, spec.commandLine().getOut());
                SummaryPrinter.log(summary);
            } finally {
                shutdown.close();
            }
        }
        return ExitCodes.OK;
    }

    private RunSummary run(Loader loader, Clock clock) throws PipelineException {
        Progress progress = operationsOptions.progress(loader.counts(), untilEmpty, clock);
        try {
            return loader.run();
        } finally {
            progress.close();
        }
    }

    /** The keyset checked at start-up, and read again by a service whose database a rotation rebound. */
    private Loader.KeysetSource keysets(DatabaseSettings databaseSettings) {
        KeysetReload reload = new KeysetReload(keyset, mask, databaseSettings);
        return new Loader.KeysetSource() {
            @Override
            public MaskingKeyset get() throws PipelineException {
                return startUp(databaseSettings);
            }

            @Override
            public Optional<MaskingKeyset> reload() {
                return reload.matching();
            }
        };
    }

    /**
     * Logs the start-up line and returns the keyset, refused unless it is of the requested mode and the
     * one the database is masked under. Runs while the loader reaches the queue and the database: the
     * first log line initializes logging, which takes a fresh JVM a tenth of a second.
     */
    private MaskingKeyset startUp(DatabaseSettings databaseSettings) throws PipelineException {
        StartupLog.log(spec, databaseSettings);
        MaskingKeyset maskingKeyset = keyset.read();
        mask.requireModeOf(maskingKeyset);
        KeyChecks.requireCurrent(databaseSettings, maskingKeyset);
        return maskingKeyset;
    }
}
