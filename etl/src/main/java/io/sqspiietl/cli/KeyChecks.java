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

    /** Work on one connection that may find the database bound to another key. */
    @FunctionalInterface
    interface KeyedWork<T> {
        T run(Connection connection) throws KeyMismatchException, SinkException, SQLException;
    }

    /** For {@code run}: the keyset must be the one the database is masked under. */
    static void requireCurrent(DatabaseSettings database, MaskingKeyset keyset) throws PipelineException {
        onDatabase(database, connection -> {
            KeyBinding.requireCurrent(connection, keyset);
            return null;
        });
    }

    /**
     * Runs {@code work} on a new connection and maps its failures to exit codes: a key mismatch is a
     * configuration error of {@code --keyset} (exit 2), a database failure a runtime failure (exit 1).
     */
    static <T> T onDatabase(DatabaseSettings database, KeyedWork<T> work) throws PipelineException {
        try (Connection connection = database.connect()) {
            return work.run(connection);
        } catch (KeyMismatchException e) {
            throw new ConfigException("--keyset: " + e.getMessage());
        } catch (SinkException e) {
            throw new PipelineException(e.getMessage(), e);
        } catch (SQLException e) {
            throw new PipelineException(SinkException.of("close", e).getMessage(), e);
        }
    }
}
