package io.sqspiietl.lambda;

import io.sqspiietl.contract.ContractException;
import io.sqspiietl.contract.ContractReader;
import io.sqspiietl.contract.Contracts;
import io.sqspiietl.keys.ColumnConflictException;
import io.sqspiietl.keys.KeyMismatchException;
import io.sqspiietl.keys.LoadPreconditions;
import io.sqspiietl.keys.TableMismatchException;
import io.sqspiietl.masking.KeysetException;
import io.sqspiietl.masking.MaskingKeyset;
import io.sqspiietl.pipeline.InvocationLoader;
import io.sqspiietl.pipeline.MessageProcessor;
import io.sqspiietl.pipeline.PipelineException;
import io.sqspiietl.pipeline.PipelineListener;
import io.sqspiietl.sink.SinkException;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code run} checks at start, for the function's init: the keyset of the expected mode, the
 * contracts, and {@link LoadPreconditions} (the keyset is the one the database is bound to, the tables fit),
 * then the connection its batches reuse. Each failure is an {@link InitException} naming the variable to fix,
 * as {@code run} names the flag.
 */
final class FunctionStartup {
    private static final Logger LOG = LoggerFactory.getLogger(FunctionStartup.class);

    private FunctionStartup() {
    }

    /**
     * The loader of the function's batches, connected and checked.
     *
     * @throws InitException naming the variable to fix, or the database's failure
     */
    static InvocationLoader open(FunctionSettings settings, Clock clock) {
        MaskingKeyset keyset = keyset(settings);
        Contracts contracts = contracts(settings);
        MessageProcessor processor;
        try {
            processor = MessageProcessor.of(contracts, settings.envelopes(), keyset, clock, PipelineListener.NONE);
            LoadPreconditions.require(settings.database(), keyset, contracts, settings.createTables());
        } catch (KeysetException | KeyMismatchException e) {
            throw new InitException(Variable.KEYSET + ": " + e.getMessage());
        } catch (ColumnConflictException e) {
            throw new InitException(Variable.CONTRACTS + ": " + e.getMessage());
        } catch (TableMismatchException | SinkException e) {
            throw new InitException(e.getMessage());
        }
        try {
            return InvocationLoader.open(settings.database(), processor);
        } catch (PipelineException e) {
            throw new InitException(e.getMessage());
        }
    }

    /**
     * The keyset file, of the mode asked for. One inside the deployment package is read as packaged: Lambda
     * makes every file of a package readable by all, so who may read it is whoever may download the
     * package, and only a KMS-wrapped keyset keeps its key from them; an unwrapped one is warned about.
     */
    private static MaskingKeyset keyset(FunctionSettings settings) {
        boolean packaged = settings.packageRoot().filter(root -> settings.keyset().startsWith(root)).isPresent();
        MaskingKeyset keyset;
        try {
            keyset = packaged ? MaskingKeyset.readPackaged(settings.keyset(), settings.packageRoot().orElseThrow())
                    : MaskingKeyset.read(settings.keyset());
        } catch (KeysetException e) {
            throw new InitException(Variable.KEYSET + ": " + e.getMessage());
        }
        try {
            keyset.requireMode(settings.mask().orElse(keyset.mode()));
        } catch (KeysetException e) {
            throw new InitException(Variable.MASK + ": " + e.getMessage());
        }
        if (packaged && !keyset.kmsWrapped()) {
            LOG.warn("{}: the keyset in the deployment package is not wrapped by KMS: whoever may download the "
                    + "function's code (lambda:GetFunction) holds the key; create it with 'keys create --kms-key-uri'",
                    Variable.KEYSET);
        }
        return keyset;
    }

    private static Contracts contracts(FunctionSettings settings) {
        try {
            return ContractReader.readAll(settings.contracts());
        } catch (ContractException e) {
            throw new InitException(Variable.CONTRACTS + ": " + e.getMessage());
        }
    }
}
