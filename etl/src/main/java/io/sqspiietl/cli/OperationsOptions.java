package io.sqspiietl.cli;

import io.sqspiietl.ops.LogFormat;
import io.sqspiietl.ops.Operations;
import io.sqspiietl.ops.Progress;
import io.sqspiietl.sink.DatabasePing;
import io.sqspiietl.sink.DatabaseSettings;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import picocli.CommandLine.Option;

/** How a run shows itself to operators: metrics and health endpoints, log format, progress. */
final class OperationsOptions {
    @Option(names = "--metrics-port", paramLabel = "PORT", defaultValue = "${env:SQS_PII_ETL_METRICS_PORT}",
            description = "Serve /metrics, /health/live and /health/ready on this TCP port (default: off). "
                    + "Env: SQS_PII_ETL_METRICS_PORT.")
    Integer metricsPort;

    @Option(names = "--log-format", paramLabel = "FORMAT", defaultValue = "${env:SQS_PII_ETL_LOG_FORMAT:-text}",
            description = "Log lines as 'text' or 'json' (one object per line) (default: ${DEFAULT-VALUE}). "
                    + "Env: SQS_PII_ETL_LOG_FORMAT.")
    LogFormat logFormat;

    @Option(names = "--progress-interval-s", paramLabel = "S", defaultValue = "${env:SQS_PII_ETL_PROGRESS_INTERVAL_S:-10}",
            description = "When stderr is not a terminal, seconds between progress log lines (default: ${DEFAULT-VALUE}). "
                    + "Env: SQS_PII_ETL_PROGRESS_INTERVAL_S.")
    long progressIntervalSeconds;

    /** Validates the options and switches the log format, so that every later line is in it. */
    void apply() {
        if (metricsPort != null && (metricsPort < 0 || metricsPort > 65_535)) {
            throw new ConfigException("--metrics-port must be between 0 and 65535, was " + metricsPort);
        }
        if (progressIntervalSeconds < 1) {
            throw new ConfigException("--progress-interval-s must be at least 1");
        }
        logFormat.apply();
    }

    /** Metrics for the run; serving them and probing the database only with {@code --metrics-port}. */
    Operations start(DatabaseSettings database, Clock clock) {
        Operations operations = new Operations(clock);
        if (metricsPort != null) {
            try {
                operations.serve(metricsPort, new DatabasePing(database)::ping, Operations.PROBE_PERIOD);
            } catch (IOException e) {
                operations.close();
                throw new ConfigException("--metrics-port " + metricsPort + ": " + e.getMessage());
            }
        }
        return operations;
    }

    /**
     * A bar while draining on a terminal (there is an end to estimate, and someone watching);
     * log lines otherwise.
     */
    Progress progress(Operations operations, boolean draining, Clock clock) {
        if (draining && System.console() != null) {
            return Progress.bar(operations.metrics(), clock, System.err);
        }
        return Progress.logLines(operations.metrics(), clock, Duration.ofSeconds(progressIntervalSeconds));
    }
}
