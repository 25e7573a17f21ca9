package io.sqspiietl.lambda;

import io.sqspiietl.masking.MaskingMode;
import io.sqspiietl.ops.LogFormat;
import io.sqspiietl.sink.DatabaseSettings;
import io.sqspiietl.transform.SnsEnvelopeMode;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The function's configuration, read from its environment ({@link Variable}) and validated once, at init.
 * Immutable.
 *
 * @param database    where to load, the password from {@code PGPASSWORD} or the URL
 * @param keyset      the keyset file, resolved against the package root when relative
 * @param packageRoot the deployment package ({@code LAMBDA_TASK_ROOT}, {@code /var/task} in Lambda): a keyset
 *                    inside it is read as packaged; empty outside Lambda
 * @param mask        the masking mode the operator expects; empty for the keyset's own
 * @param contracts   the contract locations, {@code builtin:login} or files
 * @param envelopes   whether SNS envelopes are unwrapped
 * @param createTables whether the contracts' missing tables are created at init
 * @param logFormat   the format of every log line
 */
record FunctionSettings(DatabaseSettings database, Path keyset, Optional<Path> packageRoot, Optional<MaskingMode> mask,
                        List<String> contracts, SnsEnvelopeMode envelopes, boolean createTables, LogFormat logFormat) {
    /** Set by Lambda to the directory its runtime unpacked the deployment package into. */
    static final String TASK_ROOT = "LAMBDA_TASK_ROOT";
    /** The password, read as {@code run} reads it: never an option. */
    static final String PASSWORD = "PGPASSWORD";

    /**
     * The settings {@code environment} gives.
     *
     * @throws InitException one line naming the variable that is missing or wrong
     */
    static FunctionSettings from(Map<String, String> environment) {
        Optional<Path> packageRoot = Optional.ofNullable(environment.get(TASK_ROOT)).map(Path::of);
        Path keyset = Path.of(required(environment, Variable.KEYSET));
        return new FunctionSettings(database(environment),
                packageRoot.map(root -> root.resolve(keyset)).orElse(keyset),
                packageRoot,
                Variable.MASK.in(environment).map(FunctionSettings::mask),
                Arrays.asList(Variable.CONTRACTS.in(environment).orElseThrow().split(",")),
                choice(environment, Variable.SNS_ENVELOPE, SnsEnvelopeMode.class),
                bool(environment, Variable.CREATE_TABLES),
                choice(environment, Variable.LOG_FORMAT, LogFormat.class));
    }

    private static DatabaseSettings database(Map<String, String> environment) {
        String jdbcUrl = required(environment, Variable.JDBC_URL);
        try {
            return new DatabaseSettings(jdbcUrl, Variable.DB_USER.in(environment).orElse(null), environment.get(PASSWORD));
        } catch (IllegalArgumentException e) {
            throw new InitException(Variable.JDBC_URL + ": " + e.getMessage());
        }
    }

    private static String required(Map<String, String> environment, Variable variable) {
        return variable.in(environment).orElseThrow(() -> new InitException(variable + " is required"));
    }

    private static MaskingMode mask(String value) {
        try {
            return MaskingMode.fromLabel(value);
        } catch (IllegalArgumentException e) {
            throw new InitException(Variable.MASK + ": " + e.getMessage());
        }
    }

    /** An enum's constant by its name in any case, as {@code run} reads it. */
    private static <E extends Enum<E>> E choice(Map<String, String> environment, Variable variable, Class<E> type) {
        String value = variable.in(environment).orElseThrow();
        try {
            return Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InitException(variable + ": '" + value + "' is not one of "
                    + Arrays.stream(type.getEnumConstants()).map(c -> c.name().toLowerCase(Locale.ROOT)).toList());
        }
    }

    private static boolean bool(Map<String, String> environment, Variable variable) {
        String value = variable.in(environment).orElseThrow();
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(value);
        }
        throw new InitException(variable + ": '" + value + "' is neither true nor false");
    }
}
