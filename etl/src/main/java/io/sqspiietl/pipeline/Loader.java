package io.sqspiietl.pipeline;

import io.sqspiietl.masking.MaskingKeyset;
import io.sqspiietl.sink.DatabaseSettings;
import io.sqspiietl.sink.PostgresSink;
import io.sqspiietl.sink.SinkException;
import io.sqspiietl.source.SourceException;
import io.sqspiietl.source.SqsMessageSource;
import io.sqspiietl.source.SqsSettings;
import io.sqspiietl.transform.MessageReader;
import io.sqspiietl.transform.SnsEnvelopeMode;
import java.time.Clock;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Assembles a pipeline from settings: the SQS source, the PostgreSQL sink with its schema, and the
 * transform and masking between them. Connects eagerly, so a wrong queue or database fails at
 * {@link #open} with a clear message instead of in the middle of a run.
 */
public final class Loader implements AutoCloseable {
    private final SqsMessageSource source;
    private final PostgresSink sink;
    private final Pipeline pipeline;

    private Loader(SqsMessageSource source, PostgresSink sink, Pipeline pipeline) {
        this.source = source;
        this.sink = sink;
        this.pipeline = pipeline;
    }

    /**
     * Resolves the queue, connects to PostgreSQL and installs the tool's schema. Bodies that are SNS
     * envelopes are unwrapped ({@link SnsEnvelopeMode#AUTO}, the default of {@code run}).
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
     */
    public static Loader open(SqsSettings sqs, DatabaseSettings database, MaskingKeyset keyset,
                              PipelineSettings settings, Clock clock, PipelineListener listener)
            throws PipelineException {
        return open(sqs, database, keyset, SnsEnvelopeMode.AUTO, settings, clock, listener);
    }

    /**
     * As {@link #open(SqsSettings, DatabaseSettings, MaskingKeyset, PipelineSettings, Clock,
     * PipelineListener)}, with bodies read as SNS envelopes or not according to {@code envelopes}
     * instead of the default {@link SnsEnvelopeMode#AUTO}.
     */
    public static Loader open(SqsSettings sqs, DatabaseSettings database, MaskingKeyset keyset,
                              SnsEnvelopeMode envelopes, PipelineSettings settings, Clock clock,
                              PipelineListener listener) throws PipelineException {
        SqsClient client = sqs.createClient();
        PostgresSink sink = new PostgresSink(database);
        try {
            SqsMessageSource source = new SqsMessageSource(client, sqs.resolveQueueUrl(client));
            sink.open();
            LoginProcessor processor =
                    new LoginProcessor(new MessageReader(envelopes), keyset.fieldMasker(), keyset.bodySealer());
            return new Loader(source, sink, new Pipeline(source, sink, processor, settings, clock, listener));
        } catch (SourceException | SinkException e) {
            sink.close();
            client.close();
            throw new PipelineException(e.getMessage(), e);
        }
    }

    /** Runs the pipeline; see {@link Pipeline#run()}. */
    public RunSummary run() throws PipelineException {
        return pipeline.run();
    }

    /** Asks a running pipeline to finish what is in flight and return. Thread-safe. */
    public void stop() {
        pipeline.stop();
    }

    @Override
    public void close() {
        sink.close();
        source.close();
    }
}
