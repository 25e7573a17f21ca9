package io.sqspiietl.cli;

import io.sqspiietl.contract.Contracts;
import io.sqspiietl.masking.MaskingKeyset;
import io.sqspiietl.ops.Operations;
import io.sqspiietl.ops.Progress;
import io.sqspiietl.pipeline.Loader;
import io.sqspiietl.pipeline.LoaderSettings;
import io.sqspiietl.pipeline.MessageProcessor;
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
        description = "Consume the queue, mask the events by their contracts and load them into PostgreSQL.")
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
    ContractOptions contracts;
    @Mixin
    CreateTablesOption createTables;
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
        try (Operations operations = operationsOptions.start(databaseSettings, clock)) {
            PipelineListener listener = operations == null ? PipelineListener.NONE : operations.listener();
            return run(new LoaderSettings(sqsSettings, databaseSettings, pipelineSettings),
                    processors(databaseSettings, clock, listener), clock, listener);
        }
    }

    private int run(LoaderSettings settings, Loader.ProcessorSource processors, Clock clock, PipelineListener listener)
            throws PipelineException {
        try (Loader loader = Loader.open(settings, processors, clock, listener)) {
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

    /**
     * The processing stage checked at start-up, and, for a service whose database a rotation rebound,
     * made again with the keyset file read anew.
     */
    private Loader.ProcessorSource processors(DatabaseSettings databaseSettings, Clock clock, PipelineListener listener) {
        KeysetReload reload = new KeysetReload(keyset, mask, databaseSettings);
        return new Loader.ProcessorSource() {
            /** Set by {@link #get()}: a reloaded keyset masks by the same contracts. */
            private Contracts runContracts;

            @Override
            public MessageProcessor get() throws PipelineException {
                runContracts = contracts.contracts();
                return startUp(databaseSettings, runContracts, clock, listener);
            }

            @Override
            public Optional<MessageProcessor> reload() {
                return reload.matching().map(reloaded -> KeyChecks.processor(runContracts, snsEnvelope.mode, reloaded, clock,
                        listener));
            }
        };
    }

    /**
     * Logs the start-up line and builds the processing stage, with the keyset refused unless it is of the
     * requested mode and the one the database is masked under, and the contracts refused unless their
     * tables and keyed columns fit. Runs while the loader reaches the queue and the database: the first
     * log line initializes logging, which takes a fresh JVM a tenth of a second.
     */
    private MessageProcessor startUp(DatabaseSettings databaseSettings, Contracts runContracts, Clock clock,
                                     PipelineListener listener) throws PipelineException {
        StartupLog.log(spec, databaseSettings);
        MaskingKeyset maskingKeyset = keyset.read();
        mask.requireModeOf(maskingKeyset);
        MessageProcessor processor = KeyChecks.processor(runContracts, snsEnvelope.mode, maskingKeyset, clock, listener);
        KeyChecks.requireLoadable(databaseSettings, maskingKeyset, runContracts, createTables.createTables);
        return processor;
    }
}
