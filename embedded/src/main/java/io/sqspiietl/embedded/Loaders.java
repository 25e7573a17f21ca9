package io.sqspiietl.embedded;

import io.sqspiietl.contract.ContractReader;
import io.sqspiietl.contract.Contracts;
import io.sqspiietl.keys.ColumnConflictException;
import io.sqspiietl.keys.KeyMismatchException;
import io.sqspiietl.keys.LoadPreconditions;
import io.sqspiietl.keys.TableMismatchException;
import io.sqspiietl.masking.KeysetException;
import io.sqspiietl.masking.MaskingKeyset;
import io.sqspiietl.pipeline.Loader;
import io.sqspiietl.pipeline.LoaderSettings;
import io.sqspiietl.pipeline.MessageProcessor;
import io.sqspiietl.pipeline.PipelineException;
import io.sqspiietl.pipeline.PipelineListener;
import io.sqspiietl.sink.SinkException;
import io.sqspiietl.transform.SnsEnvelopeMode;
import java.time.Clock;

/**
 * Opens loaders as {@code run --create-tables} does, for the demo, the benchmark and the tests: the
 * contracts' preconditions checked (the keyset bound, keyed columns recorded, missing tables created)
 * while the queue and the database are reached, SNS envelopes unwrapped.
 */
public final class Loaders {
    private Loaders() {
    }

    /** A loader of the built-in login contract, reporting to no one. */
    public static Loader login(LoaderSettings settings, MaskingKeyset keyset, Clock clock) throws PipelineException {
        return open(settings, ContractReader.login(), keyset, clock, PipelineListener.NONE);
    }

    /** A loader of {@code contracts}, reporting to {@code listener}. */
    public static Loader open(LoaderSettings settings, Contracts contracts, MaskingKeyset keyset, Clock clock,
                              PipelineListener listener) throws PipelineException {
        return Loader.open(settings, processor(settings, contracts, SnsEnvelopeMode.AUTO, keyset, clock, listener),
                clock, listener);
    }

    /** Builds the processing stage of {@code contracts} once their preconditions hold, as {@code run} does. */
    public static Loader.ProcessorSource processor(LoaderSettings settings, Contracts contracts, SnsEnvelopeMode envelopes,
                                                   MaskingKeyset keyset, Clock clock, PipelineListener listener) {
        return () -> {
            try {
                MessageProcessor processor = MessageProcessor.of(contracts, envelopes, keyset, clock, listener);
                LoadPreconditions.require(settings.database(), keyset, contracts, true);
                return processor;
            } catch (KeysetException | KeyMismatchException | ColumnConflictException | TableMismatchException
                     | SinkException e) {
                throw new PipelineException(e.getMessage(), e);
            }
        };
    }
}
