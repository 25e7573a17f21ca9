package io.sqspiietl.cli;

import io.sqspiietl.contract.Contracts;
import io.sqspiietl.keys.ColumnConflictException;
import io.sqspiietl.keys.KeyMismatchException;
import io.sqspiietl.keys.LoadPreconditions;
import io.sqspiietl.keys.TableMismatchException;
import io.sqspiietl.masking.KeysetException;
import io.sqspiietl.masking.MaskingKeyset;
import io.sqspiietl.pipeline.MessageProcessor;
import io.sqspiietl.pipeline.PipelineException;
import io.sqspiietl.pipeline.PipelineListener;
import io.sqspiietl.sink.DatabaseSettings;
import io.sqspiietl.sink.SinkException;
import io.sqspiietl.transform.SnsEnvelopeMode;
import java.time.Clock;

/** The checks of the key use cases with the command line's exit codes: a wrong key or contract is exit 2. */
final class KeyChecks {
    private KeyChecks() {
    }

    /**
     * For {@code run} and {@code replay}: everything {@link LoadPreconditions} requires. A wrong key, a
     * contract at odds with the database's masks or a table that cannot take its rows is a
     * configuration error (exit 2), a database failure a runtime failure (exit 1).
     */
    static void requireLoadable(DatabaseSettings database, MaskingKeyset keyset, Contracts contracts, boolean createTables)
            throws PipelineException {
        try {
            LoadPreconditions.require(database, keyset, contracts, createTables);
        } catch (KeyMismatchException e) {
            throw wrongKeyset(e);
        } catch (ColumnConflictException e) {
            throw new ConfigException("--contract: " + e.getMessage());
        } catch (TableMismatchException e) {
            throw new ConfigException(e.getMessage());
        } catch (SinkException e) {
            throw new PipelineException(e.getMessage(), e);
        }
    }

    /** The processing stage of {@code contracts} under {@code keyset}; a key it lacks is an error of {@code --keyset}. */
    static MessageProcessor processor(Contracts contracts, SnsEnvelopeMode envelopes, MaskingKeyset keyset, Clock clock,
                                      PipelineListener listener) {
        try {
            return MessageProcessor.of(contracts, envelopes, keyset, clock, listener);
        } catch (KeysetException e) {
            throw wrongKeyset(e);
        }
    }

    /**
     * A keyset that cannot do what was asked, for the database or for the command: a configuration
     * error of {@code --keyset}.
     */
    static ConfigException wrongKeyset(Exception e) {
        return new ConfigException("--keyset: " + e.getMessage());
    }
}
