package io.sqspiietl.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sqspiietl.masking.MaskingMode;
import io.sqspiietl.ops.LogFormat;
import io.sqspiietl.transform.SnsEnvelopeMode;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The function's configuration from its environment: run's defaults, and one line naming a wrong variable. */
class FunctionSettingsTest {
    private static final Map<String, String> MINIMAL = Map.of(
            "SQS_PII_ETL_JDBC_URL", "jdbc:postgresql://db.example.com:5432/analytics?password=secret",
            "SQS_PII_ETL_KEYSET", "keyset.json",
            "LAMBDA_TASK_ROOT", "/var/task");

    @Test
    void defaultsAreRunsAndARelativeKeysetIsInThePackage() {
        FunctionSettings settings = FunctionSettings.from(MINIMAL);

        assertThat(settings.keyset()).isEqualTo(Path.of("/var/task/keyset.json"));
        assertThat(settings.packageRoot()).contains(Path.of("/var/task"));
        assertThat(settings.mask()).isEmpty();
        assertThat(settings.contracts()).containsExactly("builtin:login");
        assertThat(settings.envelopes()).isEqualTo(SnsEnvelopeMode.AUTO);
        assertThat(settings.createTables()).isFalse();
        assertThat(settings.logFormat()).isEqualTo(LogFormat.TEXT);
        assertThat(settings.database().user()).isNull();
        assertThat(settings.database().password()).isNull();
    }

    @Test
    void everyVariableIsReadAsRunReadsIt() {
        Map<String, String> environment = with(Map.of("PGUSER", "fallback", "SQS_PII_ETL_DB_USER", "loader",
                "PGPASSWORD", "pw", "SQS_PII_ETL_MASK", "hmac", "SQS_PII_ETL_CONTRACTS", "builtin:login,/var/task/purchase.yaml",
                "SQS_PII_ETL_SNS_ENVELOPE", "OFF", "SQS_PII_ETL_CREATE_TABLES", "TRUE", "SQS_PII_ETL_LOG_FORMAT", "json",
                "SQS_PII_ETL_KEYSET", "/opt/keys/keyset.json"));

        FunctionSettings settings = FunctionSettings.from(environment);

        assertThat(settings.database().user()).isEqualTo("loader");
        assertThat(settings.database().password()).isEqualTo("pw");
        assertThat(settings.keyset()).isEqualTo(Path.of("/opt/keys/keyset.json"));
        assertThat(settings.mask()).isEqualTo(Optional.of(MaskingMode.HMAC));
        assertThat(settings.contracts()).isEqualTo(List.of("builtin:login", "/var/task/purchase.yaml"));
        assertThat(settings.envelopes()).isEqualTo(SnsEnvelopeMode.OFF);
        assertThat(settings.createTables()).isTrue();
        assertThat(settings.logFormat()).isEqualTo(LogFormat.JSON);
        assertThat(FunctionSettings.from(with(Map.of("PGUSER", "fallback"))).database().user()).isEqualTo("fallback");
    }

    @Test
    void outsideLambdaTheKeysetIsWhereItSays() {
        Map<String, String> environment = new HashMap<>(MINIMAL);
        environment.remove("LAMBDA_TASK_ROOT");

        FunctionSettings settings = FunctionSettings.from(environment);

        assertThat(settings.keyset()).isEqualTo(Path.of("keyset.json"));
        assertThat(settings.packageRoot()).isEmpty();
    }

    @Test
    void aMissingOrWrongVariableIsOneLineNamingIt() {
        Map<String, String> noUrl = new HashMap<>(MINIMAL);
        noUrl.remove("SQS_PII_ETL_JDBC_URL");
        assertThatThrownBy(() -> FunctionSettings.from(noUrl)).isInstanceOf(InitException.class)
                .hasMessage("SQS_PII_ETL_JDBC_URL is required");
        Map<String, String> noKeyset = new HashMap<>(MINIMAL);
        noKeyset.remove("SQS_PII_ETL_KEYSET");
        assertThatThrownBy(() -> FunctionSettings.from(noKeyset)).hasMessage("SQS_PII_ETL_KEYSET is required");

        assertThatThrownBy(() -> FunctionSettings.from(with(Map.of("SQS_PII_ETL_JDBC_URL", "jdbc:mysql://db/x"))))
                .hasMessage("SQS_PII_ETL_JDBC_URL: not a PostgreSQL JDBC URL (expected jdbc:postgresql://host:port/database)");
        assertThatThrownBy(() -> FunctionSettings.from(with(Map.of("SQS_PII_ETL_MASK", "sha256"))))
                .hasMessage("SQS_PII_ETL_MASK: unknown masking mode 'sha256', expected deterministic or hmac");
        assertThatThrownBy(() -> FunctionSettings.from(with(Map.of("SQS_PII_ETL_SNS_ENVELOPE", "maybe"))))
                .hasMessage("SQS_PII_ETL_SNS_ENVELOPE: 'maybe' is not one of [auto, off]");
        assertThatThrownBy(() -> FunctionSettings.from(with(Map.of("SQS_PII_ETL_CREATE_TABLES", "yes"))))
                .hasMessage("SQS_PII_ETL_CREATE_TABLES: 'yes' is neither true nor false");
        assertThatThrownBy(() -> FunctionSettings.from(with(Map.of("SQS_PII_ETL_LOG_FORMAT", "xml"))))
                .hasMessage("SQS_PII_ETL_LOG_FORMAT: 'xml' is not one of [text, json]");
    }

    @Test
    void theErrorCarriesNoStackTraceOnlyItsLine() {
        assertThatThrownBy(() -> FunctionSettings.from(Map.of())).satisfies(e -> {
            assertThat(e.getStackTrace()).isEmpty();
            assertThat(e.getCause()).isNull();
        });
    }

    private static Map<String, String> with(Map<String, String> overrides) {
        Map<String, String> environment = new HashMap<>(MINIMAL);
        environment.putAll(overrides);
        return environment;
    }
}
