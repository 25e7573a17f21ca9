package io.sqspiietl.cli;

import io.sqspiietl.pipeline.PipelineSettings;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The pipeline's tuning flags, shared by {@code run} and the benchmark so both tune alike. */
public final class PipelineOptions {
    @Option(names = "--receivers", paramLabel = "N", defaultValue = "${env:SQS_PII_ETL_RECEIVERS}",
            description = "Pin the number of concurrent receive loops (default: adaptive, from 1 to --max-receivers). "
                    + "Env: SQS_PII_ETL_RECEIVERS.")
    Integer receivers;

    @Option(names = "--max-receivers", paramLabel = "N",
            defaultValue = "${env:SQS_PII_ETL_MAX_RECEIVERS:-" + PipelineSettings.DEFAULT_MAX_RECEIVERS + "}",
            description = "Most concurrent receive loops, and delete calls, when they adapt (default: ${DEFAULT-VALUE}). "
                    + "Env: SQS_PII_ETL_MAX_RECEIVERS.")
    int maxReceivers;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "${env:SQS_PII_ETL_BATCH_SIZE:-" + PipelineSettings.DEFAULT_BATCH_SIZE + "}",
            description = "Most messages per database transaction (default: ${DEFAULT-VALUE}). Env: SQS_PII_ETL_BATCH_SIZE.")
    int batchSize;

    @Option(names = "--linger-ms", paramLabel = "MS", defaultValue = "${env:SQS_PII_ETL_LINGER_MS:-" + PipelineSettings.DEFAULT_LINGER_MILLIS + "}",
            description = "Longest wait for a batch to fill before it is committed, in milliseconds "
                    + "(default: ${DEFAULT-VALUE}). Env: SQS_PII_ETL_LINGER_MS.")
    long lingerMillis;

    @Option(names = "--max-in-flight-mb", paramLabel = "MIB", defaultValue = "${env:SQS_PII_ETL_MAX_IN_FLIGHT_MB}",
            description = "Most memory, in MiB, that messages received and not yet deleted may hold; receiving pauses "
                    + "when it is reached (default: a quarter of the maximum heap). Env: SQS_PII_ETL_MAX_IN_FLIGHT_MB.")
    Long maxInFlightMib;

    /** The settings these flags give; a value out of range is a configuration error naming its flag (exit 2). */
    public PipelineSettings settings(boolean untilEmpty) {
        try {
            int pinned = receivers == null ? 0 : (int) PipelineSettings.PINNED_RECEIVERS.check("--receivers", receivers);
            PipelineSettings.MAX_RECEIVERS.check("--max-receivers", maxReceivers);
            PipelineSettings.BATCH_SIZE.check("--batch-size", batchSize);
            PipelineSettings.LINGER_MILLIS.check("--linger-ms", lingerMillis);
            long inFlightBytes = maxInFlightMib == null ? PipelineSettings.defaultInFlightBytes()
                    : PipelineSettings.IN_FLIGHT_MIB.check("--max-in-flight-mb", maxInFlightMib) << 20;
            return new PipelineSettings(pinned, maxReceivers, batchSize, Duration.ofMillis(lingerMillis), inFlightBytes, untilEmpty);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }
}
