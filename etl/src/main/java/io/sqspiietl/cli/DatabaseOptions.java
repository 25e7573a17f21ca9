package io.sqspiietl.cli;

import io.sqspiietl.sink.DatabaseSettings;
import picocli.CommandLine.Option;

/**
 * Options that locate PostgreSQL. There is deliberately no password option: a password on the
 * command line is visible to every user of the machine. It comes from the URL or {@code PGPASSWORD}.
 */
final class DatabaseOptions {
    @Option(names = "--jdbc-url", paramLabel = "URL", defaultValue = "${env:SQS_PII_ETL_JDBC_URL}",
            description = "PostgreSQL JDBC URL, e.g. jdbc:postgresql://localhost:5432/postgres. Env: SQS_PII_ETL_JDBC_URL.")
    String jdbcUrl;

    @Option(names = "--db-user", paramLabel = "USER", defaultValue = "${env:SQS_PII_ETL_DB_USER:-${env:PGUSER}}",
            description = "Database user, unless the URL names one. Env: SQS_PII_ETL_DB_USER, then PGUSER. "
                    + "The password comes from the URL or PGPASSWORD.")
    String user;

    DatabaseSettings settings() {
        if (jdbcUrl == null) {
            throw new ConfigException("--jdbc-url is required (or set SQS_PII_ETL_JDBC_URL)");
        }
        try {
            return new DatabaseSettings(jdbcUrl, user, System.getenv("PGPASSWORD"));
        } catch (IllegalArgumentException e) {
            throw new ConfigException("--jdbc-url: " + e.getMessage());
        }
    }
}
