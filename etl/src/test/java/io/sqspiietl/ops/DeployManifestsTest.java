package io.sqspiietl.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The manifests under deploy/ agree with what the code serves and the README promises. */
class DeployManifestsTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final String PORT = "9102";

    @Test
    void deploymentProbesTheHealthEndpointsOnTheDocumentedMetricsPort() throws Exception {
        String deployment = Files.readString(ROOT.resolve("deploy/deployment.yaml"));
        assertThat(deployment).contains("path: /health/live", "path: /health/ready", "containerPort: " + PORT,
                "name: SQS_PII_ETL_METRICS_PORT\n              value: \"" + PORT + "\"", "secretName: sqs-pii-etl-keyset",
                "requests:");
        assertThat(Files.readString(ROOT.resolve("README.md"))).contains("--metrics-port " + PORT, "/health/ready");
    }

    @Test
    void kedaScalesOnTheQueueWithTheSqsScaler() throws Exception {
        String keda = Files.readString(ROOT.resolve("deploy/keda-scaledobject.yaml"));
        assertThat(keda).contains("kind: ScaledObject", "type: aws-sqs-queue", "kind: TriggerAuthentication",
                "name: sqs-pii-etl\n");
    }

    @Test
    void ledgerPruneJobRunsTheDocumentedCommandAgainstTheLoadersDatabase() throws Exception {
        String cronJob = Files.readString(ROOT.resolve("deploy/ledger-prune-cronjob.yaml"));
        String deployment = Files.readString(ROOT.resolve("deploy/deployment.yaml"));
        assertThat(cronJob).contains("kind: CronJob", "args: [\"prune-ledger\"]", "concurrencyPolicy: Forbid",
                "name: SQS_PII_ETL_JDBC_URL", "name: PGPASSWORD");
        assertThat(jdbcUrl(cronJob)).isEqualTo(jdbcUrl(deployment));
        assertThat(Files.readString(ROOT.resolve("README.md"))).contains("prune-ledger --jdbc-url URL");
    }

    @Test
    void dashboardQueriesOnlyMetricsTheLoaderExports() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(ROOT.resolve("deploy/grafana-dashboard.json").toFile());
        Matcher names = Pattern.compile("sqs_pii_etl_[a-z_]+").matcher(dashboard.toString());
        int found = 0;
        while (names.find()) {
            assertThat(names.group()).matches("sqs_pii_etl_(messages_(received|loaded|quarantined|redelivered|deleted)_total"
                    + "|messages_in_flight|queue_messages|errors_total|commit_latency_seconds_bucket"
                    + "|batch_size_messages_(sum|count|bucket))");
            found++;
        }
        assertThat(found).isGreaterThan(10);
    }

    private static String jdbcUrl(String manifest) {
        Matcher url = Pattern.compile("value: (jdbc:postgresql://\\S+)").matcher(manifest);
        assertThat(url.find()).as("a JDBC URL in the manifest").isTrue();
        return url.group(1);
    }
}
