package io.sqspiietl.cli;

import io.sqspiietl.ops.LogFormat;
import io.sqspiietl.ops.Operations;
import io.sqspiietl.ops.Progress;
import io.sqspiietl.pipeline.RunCounts;
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
            description = "Without a terminal or with JSON logs, seconds between progress log lines (default: ${DEFAULT-VALUE}). "
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

    /**
     * Metrics and health for the run, served, with the database probed, on {@code --metrics-port}.
     *
     * @return {@code null} without {@code --metrics-port}: nothing would read them, and building the
     *     registry and its JVM meters costs a fresh JVM tens of milliseconds
     */
    Operations start(DatabaseSettings database, Clock clock) {
        if (metricsPort == null) {
            return null;
        }
        Operations operations = new Operations(clock);
        try {
            operations.serve(metricsPort, new DatabasePing(database)::ping, Operations.PROBE_PERIOD);
        } catch (IOException e) {
            operations.close();
            throw new ConfigException("--metrics-port " + metricsPort + ": " + e.getMessage());
        }
        return operations;
    }

    /**
     * A bar while draining on a terminal with text logs (there is an end to estimate, and someone
     * watching); log lines otherwise, so that JSON logs stay JSON on a terminal too.
     */
    Progress progress(RunCounts counts, boolean draining, Clock clock) {
        if (draining && logFormat == LogFormat.TEXT && System.console() != null) {
            return Progress.bar(counts, clock, System.err);
        }
        return Progress.logLines(counts, clock, Duration.ofSeconds(progressIntervalSeconds));
    }
}
