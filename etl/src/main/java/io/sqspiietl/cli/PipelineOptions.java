package io.sqspiietl.cli;

import io.sqspiietl.pipeline.PipelineSettings;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The pipeline's tuning flags, shared by {@code run} and the benchmark so both tune alike. */
public final class PipelineOptions {
    @Option(names = "--receivers", paramLabel = "N", defaultValue = "${env:SQS_PII_ETL_RECEIVERS:-" + PipelineSettings.DEFAULT_RECEIVERS + "}",
            description = "Concurrent receive loops (default: ${DEFAULT-VALUE}). Env: SQS_PII_ETL_RECEIVERS.")
    int receivers;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "${env:SQS_PII_ETL_BATCH_SIZE:-" + PipelineSettings.DEFAULT_BATCH_SIZE + "}",
            description = "Most messages per database transaction (default: ${DEFAULT-VALUE}). Env: SQS_PII_ETL_BATCH_SIZE.")
    int batchSize;

    @Option(names = "--linger-ms", paramLabel = "MS", defaultValue = "${env:SQS_PII_ETL_LINGER_MS:-" + PipelineSettings.DEFAULT_LINGER_MILLIS + "}",
            description = "Longest wait for a batch to fill before it is committed, in milliseconds "
                    + "(default: ${DEFAULT-VALUE}). Env: SQS_PII_ETL_LINGER_MS.")
    long lingerMillis;

    /** The settings these flags give; a value out of range is a configuration error naming its flag (exit 2). */
    public PipelineSettings settings(boolean untilEmpty) {
        try {
            return new PipelineSettings(receivers, batchSize, Duration.ofMillis(lingerMillis), untilEmpty);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage().replace("receivers", "--receivers")
                    .replace("batch size", "--batch-size").replace("linger", "--linger-ms"));
        }
    }
}
