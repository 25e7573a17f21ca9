package io.sqspiietl.pipeline;

import io.sqspiietl.masking.MaskingKeyset;
import io.sqspiietl.sink.DatabaseSettings;
import io.sqspiietl.sink.PostgresSink;
import io.sqspiietl.sink.SinkException;
import io.sqspiietl.source.MessageSource;
import io.sqspiietl.source.SourceException;
import io.sqspiietl.source.SqsSettings;
import io.sqspiietl.transform.LoginEventParser;
import java.time.Clock;

/**
 * Assembles a pipeline from settings: the SQS source, the PostgreSQL sink with its schema, and the
 * transform and masking between them. Connects eagerly, so a wrong queue or database fails at
 * {@link #open} with a clear message instead of in the middle of a run.
 */
public final class Loader implements AutoCloseable {
    private final MessageSource source;
    private final PostgresSink sink;
    private final Pipeline pipeline;

    private Loader(MessageSource source, PostgresSink sink, Pipeline pipeline) {
        this.source = source;
        this.sink = sink;
        this.pipeline = pipeline;
    }

    /**
     * Resolves the queue, connects to PostgreSQL and installs the tool's schema.
     *
     * @throws PipelineException if the queue or the database cannot be used
     */
    public static Loader open(SqsSettings sqs, DatabaseSettings database, MaskingKeyset keyset,
                              PipelineSettings settings, Clock clock) throws PipelineException {
        return open(sqs, database, keyset, settings, clock, PipelineListener.NONE);
    }

    /**
     * As {@link #open(SqsSettings, DatabaseSettings, MaskingKeyset, PipelineSettings, Clock)}, with the
     * run reported to {@code listener}.
     *
     * @throws PipelineException if the queue or the database cannot be used
     */
    public static Loader open(SqsSettings sqs, DatabaseSettings database, MaskingKeyset keyset,
                              PipelineSettings settings, Clock clock, PipelineListener listener)
            throws PipelineException {
        PostgresSink sink = new PostgresSink(database);
        MessageSource source = null;
        try {
            source = sqs.openSource();
            sink.open();
            LoginProcessor processor = new LoginProcessor(new LoginEventParser(), keyset.fieldMasker(), keyset.bodySealer());
            return new Loader(source, sink, new Pipeline(source, sink, processor, settings, clock, listener));
        } catch (SourceException | SinkException e) {
            sink.close();
            if (source != null) {
                source.close();
            }
            throw new PipelineException(e.getMessage(), e);
        }
    }

    /** Runs the pipeline; see {@link Pipeline#run()}. */
    public RunSummary run() throws PipelineException {
        return pipeline.run();
    }

    /** The run's live counts, for progress. */
    public RunCounts counts() {
        return pipeline.counts();
    }

    /** Asks a running pipeline to finish what is in flight and return. Thread-safe. */
    public void stop() {
        pipeline.stop();
    }

    /** Closes the sink and the source; closing the source cancels long polls still under way. */
    @Override
    public void close() {
        sink.close();
        source.close();
    }
}
