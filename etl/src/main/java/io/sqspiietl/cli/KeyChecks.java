package io.sqspiietl.cli;

import io.sqspiietl.masking.MaskingKeyset;
import io.sqspiietl.pipeline.KeyBinding;
import io.sqspiietl.pipeline.KeyMismatchException;
import io.sqspiietl.pipeline.PipelineException;
import io.sqspiietl.sink.DatabaseSettings;
import io.sqspiietl.sink.SinkException;
import java.sql.Connection;
import java.sql.SQLException;

/** The key checks of {@link KeyBinding} with the command line's exit codes: a wrong key is exit 2. */
final class KeyChecks {
    private KeyChecks() {
    }

    /** For {@code run}: the keyset must be the one the database is masked under. */
    static void requireCurrent(DatabaseSettings database, MaskingKeyset keyset) throws PipelineException {
        try (Connection connection = database.connect()) {
            KeyBinding.requireCurrent(connection, keyset);
        } catch (KeyMismatchException e) {
            throw new ConfigException("--keyset: " + e.getMessage());
        } catch (SinkException e) {
            throw new PipelineException(e.getMessage(), e);
        } catch (SQLException e) {
            throw new PipelineException(SinkException.of("close", e).getMessage(), e);
        }
    }
}
