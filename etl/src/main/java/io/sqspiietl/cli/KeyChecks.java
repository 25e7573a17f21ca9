package io.sqspiietl.cli;

import io.sqspiietl.keys.KeyBinding;
import io.sqspiietl.keys.KeyMismatchException;
import io.sqspiietl.masking.MaskingKeyset;
import io.sqspiietl.pipeline.PipelineException;
import io.sqspiietl.sink.DatabaseSettings;
import io.sqspiietl.sink.PostgresMaskingCatalog;
import io.sqspiietl.sink.SinkException;

/** The key checks of {@link KeyBinding} with the command line's exit codes: a wrong key is exit 2. */
final class KeyChecks {
    private KeyChecks() {
    }

    /**
     * For {@code run} and {@code replay}, which mask: the keyset must be the one the database is masked under. A key mismatch is a
     * configuration error of {@code --keyset} (exit 2), a database failure a runtime failure (exit 1).
     */
    static void requireCurrent(DatabaseSettings database, MaskingKeyset keyset) throws PipelineException {
        try {
            new KeyBinding(new PostgresMaskingCatalog(database)).requireCurrent(keyset);
        } catch (KeyMismatchException e) {
            throw wrongKeyset(e);
        } catch (SinkException e) {
            throw new PipelineException(e.getMessage(), e);
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
