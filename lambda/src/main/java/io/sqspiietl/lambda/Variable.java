package io.sqspiietl.lambda;

import io.sqspiietl.contract.ContractReader;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The environment variables the function reads: those of {@code run} that mean something behind an event
 * source mapping, with {@code run}'s names and defaults ({@code SameEnvironmentAsRunTest} holds them to
 * {@code run}'s). The queue, the batching and the concurrency are the event source mapping's; the log
 * level ({@code SQS_PII_ETL_LOG_LEVEL}) and the password ({@code PGPASSWORD}) are read as {@code run}
 * reads them.
 */
enum Variable {
    JDBC_URL("--jdbc-url", null, "SQS_PII_ETL_JDBC_URL"),
    /** The user, else the URL's; {@code PGUSER} when unset, as for {@code run}. */
    DB_USER("--db-user", null, "SQS_PII_ETL_DB_USER", "PGUSER"),
    KEYSET("--keyset", null, "SQS_PII_ETL_KEYSET"),
    MASK("--mask", null, "SQS_PII_ETL_MASK"),
    SNS_ENVELOPE("--sns-envelope", "auto", "SQS_PII_ETL_SNS_ENVELOPE"),
    CONTRACTS("--contract", ContractReader.LOGIN, "SQS_PII_ETL_CONTRACTS"),
    CREATE_TABLES("--create-tables", "false", "SQS_PII_ETL_CREATE_TABLES"),
    LOG_FORMAT("--log-format", "text", "SQS_PII_ETL_LOG_FORMAT");

    private final String runOption;
    private final String defaultValue;
    private final List<String> names;

    Variable(String runOption, String defaultValue, String... names) {
        this.runOption = runOption;
        this.defaultValue = defaultValue;
        this.names = List.of(names);
    }

    /** The option of {@code run} this variable sets. */
    String runOption() {
        return runOption;
    }

    /** The variable, then those it falls back to. */
    List<String> names() {
        return names;
    }

    /** The value when none of {@link #names()} is set; null when there is none. */
    String defaultValue() {
        return defaultValue;
    }

    /** The name configuration errors say. */
    @Override
    public String toString() {
        return names.get(0);
    }

    /** The value in {@code environment}: the first of {@link #names()} set, else the default. */
    Optional<String> in(Map<String, String> environment) {
        return names.stream().map(environment::get).filter(Objects::nonNull).findFirst()
                .or(() -> Optional.ofNullable(defaultValue));
    }
}
