package io.sqspiietl.testing;

import io.sqspiietl.contract.ContractReader;
import io.sqspiietl.embedded.Loaders;
import io.sqspiietl.masking.KeysetException;
import io.sqspiietl.masking.MaskingKeyset;
import io.sqspiietl.pipeline.Loader;
import io.sqspiietl.pipeline.LoaderSettings;
import io.sqspiietl.pipeline.MessageProcessor;
import io.sqspiietl.pipeline.PipelineException;
import io.sqspiietl.pipeline.PipelineListener;
import io.sqspiietl.pipeline.PipelineSettings;
import io.sqspiietl.pipeline.RunSummary;
import io.sqspiietl.sink.DatabaseSettings;
import io.sqspiietl.source.SqsSettings;
import io.sqspiietl.transform.SnsEnvelopeMode;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** Loaders and processing stages of the built-in login contract, as {@code run} opens them by default. */
public final class TestLoaders {
    private TestLoaders() {
    }

    public static Loader open(SqsSettings sqs, DatabaseSettings database, MaskingKeyset keyset, PipelineSettings settings,
                              Clock clock) throws PipelineException {
        return open(sqs, database, () -> keyset, SnsEnvelopeMode.AUTO, settings, clock, PipelineListener.NONE);
    }

    public static Loader open(SqsSettings sqs, DatabaseSettings database, Supplier<MaskingKeyset> keyset,
                              PipelineSettings settings, Clock clock, PipelineListener listener) throws PipelineException {
        return open(sqs, database, keyset, SnsEnvelopeMode.AUTO, settings, clock, listener);
    }

    /** A loader whose keyset is made (or read) while the queue and the database are reached. */
    public static Loader open(SqsSettings sqs, DatabaseSettings database, Supplier<MaskingKeyset> keyset,
                              SnsEnvelopeMode envelopes, PipelineSettings settings, Clock clock, PipelineListener listener)
            throws PipelineException {
        LoaderSettings loaderSettings = new LoaderSettings(sqs, database, settings);
        return Loader.open(loaderSettings, () -> Loaders.processor(loaderSettings, ContractReader.login(), envelopes, keyset.get(),
                clock, listener).get(), clock, listener);
    }

    /** Runs {@code loader} on another thread, as a service runs until it is stopped. */
    public static CompletableFuture<RunSummary> inBackground(Loader loader) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return loader.run();
            } catch (PipelineException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** The login contract's processing stage under {@code keyset}. */
    public static MessageProcessor loginProcessor(MaskingKeyset keyset) {
        try {
            return MessageProcessor.of(ContractReader.login(), SnsEnvelopeMode.AUTO, keyset, Clock.systemUTC(), PipelineListener.NONE);
        } catch (KeysetException e) {
            throw new IllegalStateException(e);
        }
    }
}
