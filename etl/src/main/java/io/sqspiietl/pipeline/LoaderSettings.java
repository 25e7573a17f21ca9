package io.sqspiietl.pipeline;

import io.sqspiietl.sink.DatabaseSettings;
import io.sqspiietl.source.SqsSettings;
import java.util.Objects;

/**
 * Where a loader reads and writes, and how its pipeline is tuned; each part validated when it was built.
 *
 * @param sqs      the queue
 * @param database the database
 * @param pipeline the pipeline's tuning and mode (drain or service)
 */
public record LoaderSettings(SqsSettings sqs, DatabaseSettings database, PipelineSettings pipeline) {
    public LoaderSettings {
        Objects.requireNonNull(sqs, "sqs");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(pipeline, "pipeline");
    }
}
