package io.sqspiietl.cli;

import picocli.CommandLine.Option;

/** {@code --create-tables}: create the contracts' missing tables instead of refusing to start. */
final class CreateTablesOption {
    @Option(names = "--create-tables", defaultValue = "${env:SQS_PII_ETL_CREATE_TABLES:-false}",
            description = "Create a contract's table when it does not exist, as 'contract ddl' prints it; an existing "
                    + "table is never altered. Env: SQS_PII_ETL_CREATE_TABLES.")
    boolean createTables;
}
