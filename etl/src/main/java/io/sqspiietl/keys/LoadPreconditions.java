package io.sqspiietl.keys;

import io.sqspiietl.contract.Contracts;
import io.sqspiietl.masking.MaskingKeyset;
import io.sqspiietl.sink.ContractTables;
import io.sqspiietl.sink.DatabaseSettings;
import io.sqspiietl.sink.PostgresMaskingCatalog;
import io.sqspiietl.sink.SinkException;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What must hold before anything loads a database ({@code run}, {@code replay}, the Lambda handler):
 * the keyset is the one the database is bound to, each keyed column keeps the one kind of mask it
 * holds, and each contract's table exists and can take the contract's rows. Checked once at start-up,
 * so that a wrong setup stops with one line instead of refusing every batch.
 */
public final class LoadPreconditions {
    private static final Logger LOG = LoggerFactory.getLogger(LoadPreconditions.class);

    private LoadPreconditions() {
    }

    /**
     * Checks the preconditions, binding a new database to the keyset and recording the contracts'
     * keyed columns.
     *
     * @param createTables whether to create the contracts' missing tables first (never altering one)
     * @throws KeyMismatchException    if the database is bound to another key
     * @throws ColumnConflictException if a contract would mask a recorded column otherwise
     * @throws TableMismatchException  if a contract's table is missing or cannot take its rows
     */
    public static void require(DatabaseSettings database, MaskingKeyset keyset, Contracts contracts, boolean createTables)
            throws KeyMismatchException, ColumnConflictException, TableMismatchException, SinkException {
        PostgresMaskingCatalog catalog = new PostgresMaskingCatalog(database);
        new KeyBinding(catalog).requireCurrent(keyset);
        if (createTables) {
            Set<String> created = ContractTables.createMissing(database, contracts);
            if (!created.isEmpty()) {
                LOG.info("created tables {} from their contracts", created);
            }
        }
        ContractTables.Check tables = ContractTables.check(database, contracts);
        tables.warnings().forEach(LOG::warn);
        if (tables.problem().isPresent()) {
            throw new TableMismatchException(tables.problem().get());
        }
        new ColumnBinding(catalog).requireConsistent(contracts);
    }
}
